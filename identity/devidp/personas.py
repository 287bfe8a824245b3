"""The people the development IdP offers to log in as (test BSNs from the
9999xxxxx range; they pass the elfproef). The demo seeds their registry records
(demo/people.py); any other BSN can be typed in on the dev IdP's page."""

DEMO_CITIZENS = [
    # (bsn, first name, last name)
    ("999993653", "Suzanne", "Moulin"),
    ("999990019", "Peter", "de Vries"),
    ("999991772", "Fatima", "El Amrani"),
]
