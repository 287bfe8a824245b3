"""Demo agencies: a municipality, the tax office, the benefits agency, a water board."""

from cases.models import Agency

DEMO_AGENCIES = [
    {
        "slug": "zoetermeer",
        "name": "Gemeente Zoetermeer",
        "short_name": "Zoetermeer",
        "oin": "00000001001918000000",
        "rsin": "001918000",
        "phone": "14 079",
        "email": "info@zoetermeer.example",
        "website": "https://www.zoetermeer.nl",
    },
    {
        "slug": "belastingdienst",
        "name": "Belastingdienst",
        "short_name": "Belastingdienst",
        "oin": "00000001003214345000",
        "rsin": "003214345",
        "phone": "0800 0543",
        "email": "",
        "website": "https://www.belastingdienst.nl",
    },
    {
        "slug": "uwv",
        "name": "UWV",
        "short_name": "UWV",
        "oin": "00000001803407950000",
        "rsin": "803407950",
        "phone": "088 898 92 94",
        "email": "",
        "website": "https://www.uwv.nl",
    },
    {
        "slug": "rijnland",
        "name": "Hoogheemraadschap van Rijnland",
        "short_name": "Rijnland",
        "oin": "00000001821778539000",
        "rsin": "821778539",
        "phone": "071 306 30 63",
        "email": "info@rijnland.example",
        "website": "https://www.rijnland.net",
    },
]


def seed(out) -> None:
    for data in DEMO_AGENCIES:
        Agency.objects.update_or_create(slug=data["slug"], defaults=data)
    out.write(f"Demo agencies: {', '.join(a['name'] for a in DEMO_AGENCIES)}")
