"""Demo citizens (test BSNs from the 9999xxxxx range; they pass the elfproef)."""

from identity.models import User

DEMO_CITIZENS = [
    # (bsn, first name, last name)
    ("999993653", "Suzanne", "Moulin"),
    ("999990019", "Peter", "de Vries"),
    ("999991772", "Fatima", "El Amrani"),
]


def seed(out) -> None:
    for bsn, first_name, last_name in DEMO_CITIZENS:
        user = User.objects.filter(bsn=bsn).first()
        if user is None:
            user = User(username=f"burger-demo-{len(first_name)}{last_name[:3].lower()}", bsn=bsn)
            user.set_unusable_password()
        user.first_name, user.last_name = first_name, last_name
        user.save()
    out.write(f"Demo citizens: {', '.join(b for b, _, _ in DEMO_CITIZENS)}")
