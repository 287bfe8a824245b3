"""Correction requests for registry data ("Klopt er iets niet?", issue 9).

The citizen asks the municipality to correct a registry field; that opens a
case "Correctie persoonsgegevens" (`services.request_correction`). When a
caseworker closes the case as "Gecorrigeerd", the local registry is updated in
the same transaction (`receivers.apply_decision`). See
docs/decisions/0011-correction-requests.md.
"""
