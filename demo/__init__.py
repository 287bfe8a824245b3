"""The demo: one municipality's portal on a weekday, seeded by `manage.py seed_demo`.

Read it as a story, in the order `seed_demo` tells it (SEEDERS in
demo/management/commands/seed_demo.py); every chapter is idempotent (get-or-create
by a natural key) and may run again on a database that has been used:

1. people.py              Suzanne, Peter (and their son Noah) and Fatima: their
                          DigiD accounts and records in the local person registry.
2. agencies_and_cases.py  Gemeente Zoetermeer, Belastingdienst, UWV and the
                          Hoogheemraadschap van Rijnland: case types, statuses and
                          the cases the three citizens already have running.
2b. business.py         Bakkerij De Vries B.V. (KvK 68750110, branch
                          000038509504) in the local business registry, and its
                          terrace permit case at Gemeente Zoetermeer (eHerkenning).
3. site.py                The public site editors keep in Wagtail: home, life events,
                          the product catalogue with request forms (content_nl.py,
                          content_en.py, request_forms.py), in Dutch and English.
4. staff.py               Editors, moderators and caseworkers of each agency, and
                          the e-mail templates of notifications.
   representations.py    Fatima is Peter's bewindvoerder for Zoetermeer's bijzondere
                          bijstand only (issue 19); Zoetermeer's caseworker keeps it.
   mandate_services.py   What the development broker's demo mandates open: the
                          bakery's terrace permit, Fatima's bijzondere bijstand.
5. api_clients.py         The Zoetermeer case system's API client
                          (`manage.py create_api_client --demo` prints its token).
6. decision_templates.py  Decision templates per agency, and the decision on case 3.
7. formal_messages.py     Bezwaar and klacht case types and the channel register of
                          each agency (Rijnland takes no ingebrekestelling digitally),
                          so Suzanne can object to the decision on case 3.

This app sits at the top of the layers (docs/architecture.md): it may import every
app, and no app imports it.
"""
