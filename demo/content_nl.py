"""Demo catalogue content (Dutch, as citizens read it). Data only; pages/demo.py loads it.

Amounts and terms are realistic examples for a demo, not official figures.
"""

from decimal import Decimal

from identity.loa import LevelOfAssurance

BASIS = LevelOfAssurance.BASIS
MIDDEN = LevelOfAssurance.MIDDEN
SUBSTANTIEEL = LevelOfAssurance.SUBSTANTIEEL


def p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


PRODUCTS = [
    # --- Gemeente Zoetermeer -------------------------------------------------------------
    {
        "slug": "verhuizing-doorgeven",
        "title": "Verhuizing doorgeven",
        "agency": "zoetermeer",
        "summary": "Gaat u verhuizen naar of binnen Zoetermeer? Geef uw verhuizing door aan de "
        "gemeente, dan staat uw nieuwe adres goed in de Basisregistratie Personen (BRP).",
        "what_is_it": p(
            "Als u verhuist, moet u uw nieuwe adres doorgeven aan de gemeente waar u gaat wonen. "
            "De gemeente zet uw adres in de BRP. Veel organisaties, zoals de Belastingdienst en "
            "uw zorgverzekeraar, krijgen uw nieuwe adres dan automatisch.",
            "U kunt uw verhuizing doorgeven vanaf 4 weken vóór tot uiterlijk 5 dagen na de "
            "verhuisdatum.",
        ),
        "conditions": ul(
            "U bent 16 jaar of ouder.",
            "U verhuist naar een adres in de gemeente Zoetermeer.",
            "U mag de verhuizing ook doorgeven voor uw partner en kinderen onder de 16 jaar "
            "die met u meeverhuizen.",
        ),
        "what_you_need": ul(
            "Uw DigiD.",
            "Het nieuwe adres en de verhuisdatum.",
            "Toestemming van de hoofdbewoner als u bij iemand in gaat wonen.",
        ),
        "costs": [],
        "apply": {
            "online": "Geef uw verhuizing online door met DigiD. Dit duurt ongeveer 5 minuten.",
            "post": "Kunt u niet online? Vul het formulier 'Verhuizing doorgeven' in en stuur "
            "het naar Gemeente Zoetermeer, Postbus 15, 2700 AA Zoetermeer.",
        },
        "processing_time": "Binnen 5 werkdagen staat uw nieuwe adres in de BRP.",
        "loa": BASIS,
        "faq": [
            (
                "Wanneer moet ik mijn verhuizing doorgeven?",
                "Geef uw verhuizing door tussen 4 weken vóór en 5 dagen na uw verhuisdatum. Te "
                "laat doorgeven kan een boete opleveren.",
            ),
            (
                "Moet ik mijn verhuizing ook doorgeven aan de Belastingdienst?",
                "Nee. De Belastingdienst krijgt uw nieuwe adres van de gemeente. Wel moet u "
                "zelf uw toeslagen controleren, want uw huur of huishouden kan veranderen.",
            ),
        ],
        "related": ["uittreksel-brp", "toeslagen-wijzigen", "parkeervergunning"],
    },
    {
        "slug": "uittreksel-brp",
        "title": "Uittreksel BRP aanvragen",
        "agency": "zoetermeer",
        "summary": "Een uittreksel uit de Basisregistratie Personen (BRP) is een officieel "
        "bewijs van uw gegevens, zoals uw adres en geboortedatum.",
        "what_is_it": p(
            "Een uittreksel BRP heeft u bijvoorbeeld nodig voor een nieuwe baan, een "
            "huurwoning of een verblijfsvergunning. Op het uittreksel staan uw naam, "
            "geboortedatum en -plaats, nationaliteit en adres. Soms staat er ook uw "
            "adresgeschiedenis of burgerlijke staat op."
        ),
        "conditions": ul(
            "U staat ingeschreven in de gemeente Zoetermeer.",
            "U vraagt het uittreksel aan voor uzelf.",
        ),
        "what_you_need": ul("Uw DigiD.", "Een betaalmogelijkheid (iDEAL)."),
        "costs": [("Uittreksel BRP", "17.15", "")],
        "apply": {
            "online": "Vraag het uittreksel online aan met DigiD en betaal met iDEAL.",
            "appointment": "Maak een afspraak in het Stadhuis. Neem een geldig "
            "identiteitsbewijs mee.",
        },
        "processing_time": "U krijgt het uittreksel binnen 5 werkdagen per post.",
        "loa": BASIS,
        "faq": [
            (
                "Is een digitaal uittreksel ook geldig?",
                "Ja, het uittreksel heeft een officieel waarmerk. Vraag de organisatie die erom "
                "vraagt of zij een papieren exemplaar nodig heeft.",
            ),
        ],
        "related": ["verhuizing-doorgeven"],
    },
    {
        "slug": "paspoort-aanvragen",
        "title": "Paspoort aanvragen",
        "agency": "zoetermeer",
        "summary": "Vraag een paspoort aan bij de gemeente waar u staat ingeschreven. U komt "
        "hiervoor op afspraak naar het Stadhuis.",
        "what_is_it": p(
            "Een paspoort is een reisdocument en identiteitsbewijs. Een paspoort voor "
            "volwassenen is 10 jaar geldig, voor kinderen onder de 18 jaar 5 jaar."
        ),
        "conditions": ul(
            "U heeft de Nederlandse nationaliteit.",
            "U komt zelf naar de balie; kinderen onder de 12 jaar komen mee.",
            "Voor kinderen onder de 18 jaar geven beide ouders toestemming.",
        ),
        "what_you_need": ul(
            "Eén recente pasfoto die voldoet aan de fotomatrix.",
            "Uw huidige paspoort of identiteitskaart.",
        ),
        "costs": [
            ("Paspoort, 18 jaar en ouder", "84.70", "10 jaar geldig"),
            ("Paspoort, jonger dan 18 jaar", "61.20", "5 jaar geldig"),
            ("Spoedlevering", "58.20", "bovenop de gewone kosten"),
        ],
        "apply": {
            "appointment": "Maak online een afspraak. Een paspoort aanvragen kan alleen aan de "
            "balie, omdat we uw vingerafdrukken nemen.",
        },
        "processing_time": "Uw paspoort ligt na 5 werkdagen klaar; met spoed de volgende werkdag.",
        "loa": BASIS,
        "faq": [
            (
                "Hoe lang van tevoren moet ik een nieuw paspoort aanvragen?",
                "Vraag uw paspoort minstens 6 weken voor vertrek aan. In de zomer is het druk.",
            ),
        ],
        "related": ["identiteitskaart-aanvragen"],
    },
    {
        "slug": "identiteitskaart-aanvragen",
        "title": "Identiteitskaart aanvragen",
        "agency": "zoetermeer",
        "summary": "Een identiteitskaart is een identiteitsbewijs waarmee u ook binnen Europa "
        "kunt reizen.",
        "what_is_it": p(
            "Vanaf 14 jaar moet u zich kunnen identificeren. Een identiteitskaart is goedkoper "
            "dan een paspoort en geldig in alle landen van de Europese Unie."
        ),
        "conditions": ul("U heeft de Nederlandse nationaliteit.", "U komt zelf naar de balie."),
        "what_you_need": ul("Eén recente pasfoto.", "Uw huidige identiteitsbewijs."),
        "costs": [
            ("Identiteitskaart, 18 jaar en ouder", "77.85", "10 jaar geldig"),
            ("Identiteitskaart, jonger dan 18 jaar", "43.50", "5 jaar geldig"),
        ],
        "apply": {"appointment": "Maak online een afspraak in het Stadhuis."},
        "processing_time": "Uw identiteitskaart ligt na 5 werkdagen klaar.",
        "loa": BASIS,
        "faq": [],
        "related": ["paspoort-aanvragen"],
    },
    {
        "slug": "geboorteaangifte",
        "title": "Geboorteaangifte doen",
        "agency": "zoetermeer",
        "summary": "Is uw kind geboren? Doe binnen 3 werkdagen aangifte bij de gemeente waar uw "
        "kind is geboren.",
        "what_is_it": p(
            "Met de geboorteaangifte wordt uw kind ingeschreven in de BRP en krijgt het een "
            "burgerservicenummer (BSN). De gemeente maakt een geboorteakte op."
        ),
        "conditions": ul(
            "U bent de vader, moeder of meemoeder, of u was bij de geboorte aanwezig.",
            "Uw kind is geboren in Zoetermeer.",
        ),
        "what_you_need": ul(
            "Uw DigiD.",
            "De gekozen voornamen van uw kind.",
            "Een erkenning van vóór de geboorte, als u niet getrouwd bent.",
        ),
        "costs": [("Geboorteaangifte", "0", "gratis")],
        "apply": {
            "online": "Doe de geboorteaangifte online met DigiD.",
            "appointment": "Liever aan de balie? Maak een afspraak in het Stadhuis.",
        },
        "processing_time": "Uw kind staat binnen 2 werkdagen in de BRP.",
        "loa": MIDDEN,
        "faq": [
            (
                "Wat als ik de termijn van 3 werkdagen niet haal?",
                "Doe dan zo snel mogelijk aangifte. Neem contact op met de gemeente als dat "
                "niet lukt, bijvoorbeeld omdat u of uw kind in het ziekenhuis ligt.",
            ),
        ],
        "related": ["toeslagen-wijzigen", "zwangerschapsuitkering-zelfstandigen"],
    },
    {
        "slug": "parkeervergunning",
        "title": "Parkeervergunning voor bewoners",
        "agency": "zoetermeer",
        "summary": "Woont u in een gebied met betaald parkeren? Met een bewonersvergunning "
        "parkeert u in uw eigen wijk.",
        "what_is_it": p(
            "De parkeervergunning is gekoppeld aan uw kenteken en geldt in de parkeerzone van "
            "uw adres. U krijgt geen papieren vergunning: handhavers controleren uw kenteken."
        ),
        "conditions": ul(
            "U staat ingeschreven op een adres in een vergunninggebied.",
            "De auto staat op uw naam of u rijdt in een leaseauto.",
            "Er is per adres maximaal één vergunning voor de tweede auto.",
        ),
        "what_you_need": ul("Uw DigiD.", "Het kenteken van uw auto."),
        "costs": [
            ("Eerste vergunning, per jaar", "79.00", ""),
            ("Tweede vergunning, per jaar", "198.00", ""),
        ],
        "apply": {"online": "Vraag de vergunning online aan met DigiD."},
        "processing_time": "Binnen 2 werkdagen; u kunt direct na betaling parkeren.",
        "loa": BASIS,
        "faq": [
            (
                "Geldt mijn vergunning nog als ik verhuis?",
                "Nee, de vergunning hoort bij uw adres. Na een verhuizing vraagt u een nieuwe "
                "aan; de oude stopt automatisch.",
            ),
        ],
        "related": ["verhuizing-doorgeven"],
    },
    {
        "slug": "omgevingsvergunning",
        "title": "Omgevingsvergunning aanvragen",
        "agency": "zoetermeer",
        "summary": "Voor bouwen, verbouwen, slopen of een boom kappen heeft u soms een "
        "omgevingsvergunning nodig.",
        "what_is_it": p(
            "Met de vergunningcheck in het Omgevingsloket ziet u of u een vergunning nodig "
            "heeft. Voor een dakkapel aan de achterkant of een kleine schuur is vaak geen "
            "vergunning nodig; voor een uitbouw aan de voorkant of het kappen van een grote "
            "boom meestal wel."
        ),
        "conditions": ul(
            "U bent eigenaar van het perceel of heeft toestemming van de eigenaar.",
        ),
        "what_you_need": ul(
            "Bouwtekeningen en een situatietekening.",
            "Eventueel een constructieberekening.",
        ),
        "costs": [
            ("Leges bouwactiviteit tot € 50.000 bouwkosten", "450.00", "daarboven 2,45% extra"),
            ("Kapvergunning", "95.00", "per aanvraag"),
        ],
        "apply": {
            "online": "Doe de vergunningcheck en vraag de vergunning aan via het Omgevingsloket.",
        },
        "processing_time": "Binnen 8 weken; de gemeente kan dit één keer met 6 weken verlengen.",
        "loa": MIDDEN,
        "faq": [
            (
                "Mag ik beginnen voordat ik de vergunning heb?",
                "Nee. Wacht met bouwen tot u de vergunning heeft en de bezwaartermijn van "
                "6 weken voorbij is.",
            ),
        ],
        "related": ["watervergunning"],
    },
    {
        "slug": "bijzondere-bijstand",
        "title": "Bijzondere bijstand aanvragen",
        "agency": "zoetermeer",
        "summary": "Heeft u onverwachte, noodzakelijke kosten die u niet zelf kunt betalen? "
        "Dan kunt u bijzondere bijstand aanvragen.",
        "what_is_it": p(
            "Bijzondere bijstand is een vergoeding voor bijzondere kosten, zoals een "
            "eigen bijdrage voor rechtsbijstand, een bewindvoerder of een noodzakelijke "
            "verhuizing. U hoeft geen bijstandsuitkering te hebben."
        ),
        "conditions": ul(
            "U woont in Zoetermeer en bent 18 jaar of ouder.",
            "Uw inkomen is niet hoger dan 120% van het sociaal minimum.",
            "De kosten zijn noodzakelijk en worden niet op een andere manier vergoed.",
        ),
        "what_you_need": ul(
            "Uw DigiD.",
            "Bankafschriften van de laatste 3 maanden.",
            "Een offerte of rekening van de kosten.",
        ),
        "costs": [],
        "apply": {
            "online": "Vraag bijzondere bijstand online aan met DigiD.",
            "post": "Vraag een aanvraagformulier aan via 14 079 en stuur het met de bewijsstukken "
            "op.",
        },
        "processing_time": "U krijgt binnen 8 weken een besluit.",
        "loa": MIDDEN,
        "faq": [
            (
                "Moet ik de bijzondere bijstand terugbetalen?",
                "Meestal niet. Soms krijgt u een lening, bijvoorbeeld voor duurzame "
                "gebruiksgoederen als een wasmachine.",
            ),
        ],
        "related": ["kwijtschelding-waterschapsbelasting"],
    },
    {
        "slug": "melding-openbare-ruimte",
        "title": "Melding openbare ruimte doen",
        "agency": "zoetermeer",
        "summary": "Ziet u een kapotte lantaarnpaal, zwerfvuil of een losliggende stoeptegel? "
        "Meld het de gemeente.",
        "what_is_it": p(
            "Met een melding openbare ruimte helpt u de gemeente de stad schoon, heel en veilig "
            "te houden. U krijgt bericht zodra uw melding is opgelost."
        ),
        "conditions": ul("Het probleem is in de openbare ruimte van Zoetermeer."),
        "what_you_need": ul("De plek van het probleem.", "Eventueel een foto."),
        "costs": [],
        "apply": {"online": "Doe uw melding online. Inloggen is niet nodig."},
        "processing_time": "De meeste meldingen lossen we binnen 5 werkdagen op.",
        "loa": BASIS,
        "faq": [
            (
                "Is er gevaar op straat?",
                "Bel bij direct gevaar 14 079, ook buiten kantoortijd.",
            ),
        ],
        "related": [],
    },
    {
        "slug": "akte-van-overlijden",
        "title": "Akte van overlijden aanvragen",
        "agency": "zoetermeer",
        "summary": "Een akte van overlijden heeft u nodig om zaken te regelen na het "
        "overlijden van een naaste.",
        "what_is_it": p(
            "De uitvaartondernemer doet aangifte van het overlijden. Daarna maakt de gemeente "
            "een akte van overlijden op. Een afschrift heeft u bijvoorbeeld nodig voor de bank, "
            "de notaris of de verzekeraar."
        ),
        "conditions": ul("U bent familie of erfgenaam, of u heeft er een andere reden voor."),
        "what_you_need": ul("Uw DigiD.", "De naam en overlijdensdatum van de overledene."),
        "costs": [("Afschrift akte van overlijden", "15.30", "per afschrift")],
        "apply": {
            "online": "Vraag het afschrift online aan met DigiD.",
            "post": "Stuur een brief met de gegevens van de overledene naar de gemeente.",
        },
        "processing_time": "U krijgt het afschrift binnen 5 werkdagen per post.",
        "loa": BASIS,
        "faq": [],
        "related": ["aangifte-erfbelasting"],
    },
    # --- Belastingdienst --------------------------------------------------------------
    {
        "slug": "voorlopige-aanslag-inkomstenbelasting",
        "title": "Voorlopige aanslag inkomstenbelasting aanvragen of wijzigen",
        "agency": "belastingdienst",
        "summary": "Met een voorlopige aanslag krijgt u belastinggeld (bijvoorbeeld "
        "hypotheekrenteaftrek) elke maand terug, of betaalt u in termijnen.",
        "what_is_it": p(
            "Verwacht u over dit jaar belasting terug te krijgen of te moeten betalen? Vraag "
            "dan een voorlopige aanslag aan. Verandert uw inkomen, bijvoorbeeld doordat u "
            "een bedrijf start of uw baan verliest? Pas de voorlopige aanslag dan aan."
        ),
        "conditions": ul(
            "U verwacht minimaal € 15 terug te krijgen of te moeten betalen.",
        ),
        "what_you_need": ul("Uw DigiD.", "Een schatting van uw inkomen en aftrekposten."),
        "costs": [],
        "apply": {
            "online": "Vraag de voorlopige aanslag aan of wijzig hem in Mijn Belastingdienst.",
        },
        "processing_time": "U krijgt de voorlopige aanslag binnen 8 weken.",
        "loa": MIDDEN,
        "faq": [
            (
                "Ik start een eigen bedrijf. Moet ik mijn voorlopige aanslag aanpassen?",
                "Ja, als uw inkomen verandert. Zo voorkomt u dat u achteraf een groot bedrag "
                "moet betalen.",
            ),
        ],
        "related": ["toeslagen-wijzigen"],
    },
    {
        "slug": "toeslagen-wijzigen",
        "title": "Toeslagen wijzigen",
        "agency": "belastingdienst",
        "summary": "Verandert uw inkomen, huur of gezin? Geef de wijziging binnen 4 weken door, "
        "zodat u niet te veel of te weinig toeslag krijgt.",
        "what_is_it": p(
            "U krijgt toeslagen als voorschot. Geef veranderingen zo snel mogelijk door, "
            "bijvoorbeeld een verhuizing, de geboorte van een kind, een nieuwe baan of het "
            "verlies van uw baan. Dan voorkomt u dat u geld moet terugbetalen."
        ),
        "conditions": ul(
            "U krijgt huurtoeslag, zorgtoeslag, kinderopvangtoeslag of kindgebonden budget."
        ),
        "what_you_need": ul("Uw DigiD.", "Uw nieuwe inkomen, huur of gezinssituatie."),
        "costs": [],
        "apply": {
            "online": "Geef de wijziging door in Mijn toeslagen.",
            "post": "Bel de BelastingTelefoon als online doorgeven niet lukt.",
        },
        "processing_time": "Het nieuwe voorschot ziet u binnen 5 weken.",
        "loa": BASIS,
        "faq": [
            (
                "Ik ga verhuizen. Moet ik dat doorgeven aan Toeslagen?",
                "Uw nieuwe adres krijgen wij van de gemeente. Wel moet u zelf uw nieuwe huur "
                "en eventuele nieuwe huisgenoten doorgeven.",
            ),
        ],
        "related": ["zorgtoeslag-aanvragen", "verhuizing-doorgeven"],
    },
    {
        "slug": "zorgtoeslag-aanvragen",
        "title": "Zorgtoeslag aanvragen",
        "agency": "belastingdienst",
        "summary": "Zorgtoeslag is een bijdrage in de kosten van uw zorgverzekering. U kunt het "
        "aanvragen vanaf de maand waarin u 18 wordt.",
        "what_is_it": p(
            "Met zorgtoeslag betaalt u een deel van uw zorgpremie. Hoeveel u krijgt, hangt af "
            "van uw inkomen en vermogen."
        ),
        "conditions": ul(
            "U bent 18 jaar of ouder.",
            "U heeft een Nederlandse zorgverzekering.",
            "Uw inkomen en vermogen zijn niet te hoog.",
        ),
        "what_you_need": ul("Uw DigiD.", "Een schatting van uw inkomen dit jaar."),
        "costs": [],
        "apply": {"online": "Vraag zorgtoeslag aan in Mijn toeslagen."},
        "processing_time": "Binnen 5 weken weet u of u zorgtoeslag krijgt.",
        "loa": BASIS,
        "faq": [
            (
                "Ik word 18. Krijg ik automatisch zorgtoeslag?",
                "Nee, u moet het zelf aanvragen. Dat kan tot 1 september van het volgende jaar.",
            ),
        ],
        "related": ["toeslagen-wijzigen"],
    },
    {
        "slug": "aangifte-erfbelasting",
        "title": "Aangifte erfbelasting doen",
        "agency": "belastingdienst",
        "summary": "Heeft u een erfenis gekregen? Misschien moet u erfbelasting betalen. Vaak "
        "regelt de notaris de aangifte.",
        "what_is_it": p(
            "Na een overlijden stuurt de Belastingdienst soms een uitnodiging voor de "
            "aangifte erfbelasting. Ook zonder uitnodiging moet u aangifte doen als u meer "
            "erft dan de vrijstelling."
        ),
        "conditions": ul("U bent erfgenaam of u krijgt een legaat."),
        "what_you_need": ul("Een overzicht van de bezittingen en schulden van de overledene."),
        "costs": [],
        "apply": {
            "online": "Doe aangifte online of laat de notaris dit doen.",
            "post": "Vraag een aangiftebiljet aan via de BelastingTelefoon.",
        },
        "processing_time": "De aanslag volgt meestal binnen 6 maanden.",
        "loa": MIDDEN,
        "faq": [],
        "related": ["akte-van-overlijden"],
    },
    # --- UWV ----------------------------------------------------------------------------
    {
        "slug": "ww-uitkering-aanvragen",
        "title": "WW-uitkering aanvragen",
        "agency": "uwv",
        "summary": "Bent u werkloos geworden? Dan heeft u misschien recht op een "
        "WW-uitkering. Vraag haar aan binnen 1 week na uw laatste werkdag.",
        "what_is_it": p(
            "De WW (Werkloosheidswet) is een tijdelijke uitkering als u uw baan verliest. In "
            "de eerste 2 maanden krijgt u 75% van uw dagloon, daarna 70%."
        ),
        "conditions": ul(
            "U werkte in loondienst en verliest minstens 5 uur werk per week.",
            "U heeft in de laatste 36 weken minstens 26 weken gewerkt.",
            "U bent niet zelf ontslag genomen.",
        ),
        "what_you_need": ul(
            "Uw DigiD met sms-controle of de DigiD app.",
            "Uw ontslagbrief of vaststellingsovereenkomst.",
            "Uw inschrijving als werkzoekende.",
        ),
        "costs": [],
        "apply": {"online": "Vraag de WW-uitkering online aan via Mijn UWV."},
        "processing_time": "U krijgt binnen 4 weken een beslissing.",
        "loa": MIDDEN,
        "faq": [
            (
                "Moet ik eerst ingeschreven staan als werkzoekende?",
                "Ja. Schrijf u in als werkzoekende voordat u de WW-uitkering aanvraagt.",
            ),
        ],
        "related": ["inschrijven-werkzoekende", "toeslagen-wijzigen"],
    },
    {
        "slug": "inschrijven-werkzoekende",
        "title": "Inschrijven als werkzoekende",
        "agency": "uwv",
        "summary": "Schrijf u in als werkzoekende bij UWV, uiterlijk op de eerste dag dat u "
        "geen werk meer heeft.",
        "what_is_it": p(
            "Met uw inschrijving krijgt u toegang tot vacatures en ondersteuning bij het "
            "zoeken naar werk. U heeft de inschrijving nodig voor een WW-uitkering of bijstand."
        ),
        "conditions": ul("U bent 15 jaar of ouder en u woont in Nederland."),
        "what_you_need": ul("Uw DigiD.", "Uw cv."),
        "costs": [],
        "apply": {"online": "Schrijf u online in via werk.nl."},
        "processing_time": "U bent direct ingeschreven.",
        "loa": BASIS,
        "faq": [],
        "related": ["ww-uitkering-aanvragen"],
    },
    {
        "slug": "zwangerschapsuitkering-zelfstandigen",
        "title": "Zwangerschapsuitkering voor zelfstandigen (ZEZ) aanvragen",
        "agency": "uwv",
        "summary": "Bent u zelfstandig ondernemer en zwanger? Vraag dan een zwangerschaps- en "
        "bevallingsuitkering aan.",
        "what_is_it": p(
            "De ZEZ-uitkering vult uw inkomen aan tijdens uw zwangerschaps- en "
            "bevallingsverlof van minimaal 16 weken."
        ),
        "conditions": ul(
            "U bent zelfstandige, meewerkend partner of beroepsbeoefenaar.",
            "U vraagt de uitkering aan vanaf 2 weken vóór uw verlof.",
        ),
        "what_you_need": ul("Uw DigiD.", "Een zwangerschapsverklaring van arts of verloskundige."),
        "costs": [],
        "apply": {"online": "Vraag de uitkering aan via Mijn UWV."},
        "processing_time": "Binnen 4 weken krijgt u een beslissing.",
        "loa": MIDDEN,
        "faq": [],
        "related": ["geboorteaangifte"],
    },
    # --- Hoogheemraadschap van Rijnland --------------------------------------------------
    {
        "slug": "kwijtschelding-waterschapsbelasting",
        "title": "Kwijtschelding waterschapsbelasting aanvragen",
        "agency": "rijnland",
        "summary": "Kunt u de waterschapsbelasting niet betalen? Misschien hoeft het niet: "
        "vraag kwijtschelding aan.",
        "what_is_it": p(
            "Met kwijtschelding hoeft u de watersysteemheffing ingezetenen en de "
            "zuiveringsheffing niet te betalen. Rijnland kijkt naar uw inkomen, vaste lasten "
            "en vermogen."
        ),
        "conditions": ul(
            "U heeft een laag inkomen en weinig vermogen.",
            "U vraagt kwijtschelding aan binnen 3 maanden na de dagtekening van de aanslag.",
        ),
        "what_you_need": ul(
            "Uw DigiD.",
            "Bewijs van uw inkomen en vaste lasten.",
            "Bankafschriften van de laatste 3 maanden.",
        ),
        "costs": [],
        "apply": {
            "online": "Vraag kwijtschelding online aan met DigiD.",
            "post": "Stuur het kwijtscheldingsformulier naar Rijnland, Postbus 156, 2300 AD "
            "Leiden.",
        },
        "processing_time": "U krijgt binnen 8 weken een besluit.",
        "loa": BASIS,
        "faq": [
            (
                "Moet ik betalen zolang mijn verzoek loopt?",
                "Nee. Tijdens de behandeling van uw verzoek hoeft u niet te betalen.",
            ),
        ],
        "related": ["betalingsregeling-waterschapsbelasting", "bijzondere-bijstand"],
    },
    {
        "slug": "betalingsregeling-waterschapsbelasting",
        "title": "Betalingsregeling waterschapsbelasting",
        "agency": "rijnland",
        "summary": "Betaal uw waterschapsbelasting in maandelijkse termijnen in plaats van in "
        "één keer.",
        "what_is_it": p(
            "Met automatische incasso betaalt u de aanslag in maximaal 10 termijnen. Lukt dat "
            "niet, bijvoorbeeld omdat u uw baan verloor? Vraag dan een persoonlijke "
            "betalingsregeling aan."
        ),
        "conditions": ul("U heeft een aanslag waterschapsbelasting van Rijnland."),
        "what_you_need": ul("Uw DigiD.", "Uw IBAN."),
        "costs": [],
        "apply": {"online": "Regel de betalingsregeling online met DigiD."},
        "processing_time": "Binnen 2 weken.",
        "loa": BASIS,
        "faq": [],
        "related": ["kwijtschelding-waterschapsbelasting"],
    },
    {
        "slug": "watervergunning",
        "title": "Watervergunning aanvragen",
        "agency": "rijnland",
        "summary": "Wilt u iets bouwen bij een dijk of sloot, of water lozen? Dan heeft u soms "
        "een watervergunning van Rijnland nodig.",
        "what_is_it": p(
            "Rijnland beschermt dijken en waterlopen. Voor werk in of bij het water, zoals een "
            "steiger, een dam of het lozen van bedrijfsafvalwater, geldt een vergunningplicht."
        ),
        "conditions": ul("U bent eigenaar of gebruiker van het perceel."),
        "what_you_need": ul("Een tekening van de situatie.", "Een beschrijving van het werk."),
        "costs": [("Leges watervergunning", "0", "Rijnland rekent geen leges")],
        "apply": {"online": "Vraag de vergunning aan via het Omgevingsloket."},
        "processing_time": "Binnen 8 weken.",
        "loa": MIDDEN,
        "faq": [],
        "related": ["omgevingsvergunning"],
    },
]

LIFE_EVENTS = [
    {
        "slug": "verhuizen",
        "title": "Verhuizen",
        "intro": "Gaat u verhuizen? Dit regelt u bij de overheid.",
        "body": p(
            "Uw nieuwe adres gaat via de gemeente naar de meeste overheidsorganisaties. "
            "Controleer wel zelf uw toeslagen en vergunningen."
        ),
        "products": [
            "verhuizing-doorgeven",
            "toeslagen-wijzigen",
            "parkeervergunning",
            "uittreksel-brp",
        ],
        "faq": [
            (
                "Welke organisaties krijgen mijn nieuwe adres automatisch?",
                "Onder andere de Belastingdienst, UWV, het waterschap en uw zorgverzekeraar.",
            ),
        ],
    },
    {
        "slug": "kind-krijgen",
        "title": "Kind krijgen",
        "intro": "Gefeliciteerd! Na de geboorte regelt u een paar dingen snel.",
        "body": p("Doe binnen 3 werkdagen geboorteaangifte. Daarna past u uw toeslagen aan."),
        "products": [
            "geboorteaangifte",
            "toeslagen-wijzigen",
            "zwangerschapsuitkering-zelfstandigen",
        ],
        "faq": [
            (
                "Krijg ik kinderbijslag?",
                "Kinderbijslag regelt de SVB. U krijgt vanzelf een brief na de geboorteaangifte.",
            ),
        ],
    },
    {
        "slug": "werk-verliezen",
        "title": "Werk verliezen",
        "intro": "Bent u uw baan kwijt of dreigt dat? Zo houdt u inkomen.",
        "body": p("Schrijf u in als werkzoekende en vraag binnen 1 week een WW-uitkering aan."),
        "products": [
            "inschrijven-werkzoekende",
            "ww-uitkering-aanvragen",
            "toeslagen-wijzigen",
            "kwijtschelding-waterschapsbelasting",
            "bijzondere-bijstand",
        ],
        "faq": [],
    },
    {
        "slug": "bedrijf-starten",
        "title": "Een bedrijf starten",
        "intro": "Start u een eigen onderneming? Dit regelt u bij de overheid.",
        "body": p(
            "Inschrijven doet u bij de KvK. Bij de gemeente, het waterschap en de "
            "Belastingdienst regelt u vergunningen en uw voorlopige aanslag."
        ),
        "products": [
            "voorlopige-aanslag-inkomstenbelasting",
            "omgevingsvergunning",
            "watervergunning",
        ],
        "faq": [],
    },
    {
        "slug": "overlijden",
        "title": "Overlijden van een naaste",
        "intro": "Iemand in uw omgeving is overleden. Dit moet u regelen.",
        "body": p(
            "De uitvaartondernemer doet aangifte van het overlijden bij de gemeente. Daarna "
            "regelt u de nalatenschap."
        ),
        "products": ["akte-van-overlijden", "aangifte-erfbelasting", "toeslagen-wijzigen"],
        "faq": [
            (
                "Stoppen toeslagen vanzelf na een overlijden?",
                "Ja, de toeslagen van de overledene stoppen. Uw eigen toeslagen kunnen "
                "veranderen; geef dat door.",
            ),
        ],
    },
    {
        "slug": "18-worden",
        "title": "18 worden",
        "intro": "Als u 18 wordt, verandert er veel. Dit regelt u zelf.",
        "body": p("U betaalt vanaf nu zelf uw zorgverzekering. Misschien krijgt u zorgtoeslag."),
        "products": ["zorgtoeslag-aanvragen", "identiteitskaart-aanvragen", "paspoort-aanvragen"],
        "faq": [],
    },
]

POPULAR = [
    "verhuizing-doorgeven",
    "paspoort-aanvragen",
    "uittreksel-brp",
    "toeslagen-wijzigen",
    "ww-uitkering-aanvragen",
    "melding-openbare-ruimte",
]

CONTENT_PAGES = [
    {
        "slug": "toegankelijkheid",
        "title": "Toegankelijkheidsverklaring",
        "intro": "Wij willen dat iedereen Open Loket kan gebruiken.",
        "body": p(
            "Open Loket is gebouwd volgens de eisen van de Web Content Accessibility "
            "Guidelines (WCAG) 2.1 op niveau AA, zoals het Tijdelijk besluit digitale "
            "toegankelijkheid overheid voorschrijft.",
            "We testen elke pagina automatisch met axe en met het toetsenbord. Komt u toch "
            "een probleem tegen? Laat het ons weten via de contactgegevens van uw gemeente. "
            "We reageren binnen 5 werkdagen.",
        ),
    },
    {
        "slug": "privacy",
        "title": "Privacyverklaring",
        "intro": "Hoe Open Loket met uw persoonsgegevens omgaat.",
        "body": p(
            "Als u inlogt met DigiD, gebruiken wij uw burgerservicenummer (BSN) om uw zaken "
            "bij de overheid te tonen. Wij gebruiken uw gegevens alleen om u te helpen.",
            "U kunt in Mijn gegevens zien wie uw gegevens heeft bekeken. Vragen over privacy "
            "stelt u aan de functionaris gegevensbescherming van uw gemeente.",
        ),
    },
]


def costs_stream(costs: list[tuple[str, str, str]]) -> list[tuple[str, dict]]:
    return [("cost", {"description": d, "amount": Decimal(a), "note": n}) for d, a, n in costs]
