"""English translations of the demo catalogue (pages/demo_content.py), by slug.

Data only; pages/demo.py adds them as Wagtail translations of the Dutch pages
(docs/decisions/0025). Amounts, agencies and links come from the Dutch original;
"costs" gives (description, note) per cost line of the original, in its order.
"""

from .content_nl import p, ul

HOME = {
    "title": "Open Loket",
    "intro": "Your dealings with the government in one place.",
    "login_heading": "My overview",
    "login_text": "See your cases, messages and details with the government in one place.",
}

PRODUCT_INDEX = {
    "title": "Products and services",
    "intro": "Everything you can arrange with the municipality, the Tax Administration, UWV "
    "and the water board.",
}

PRODUCTS = {
    "verhuizing-doorgeven": {
        "title": "Report a change of address",
        "summary": "Moving to or within Zoetermeer? Tell the municipality, so your new address "
        "is correct in the Personal Records Database (BRP).",
        "what_is_it": p(
            "When you move, you report your new address to the municipality where you will "
            "live. The municipality records it in the BRP. Many organisations, such as the Tax "
            "Administration and your health insurer, then receive your new address "
            "automatically.",
            "You can report your move from 4 weeks before until 5 days after the moving date.",
        ),
        "conditions": ul(
            "You are 16 or older.",
            "You are moving to an address in the municipality of Zoetermeer.",
            "You may also report the move for your partner and children under 16 who move "
            "with you.",
        ),
        "what_you_need": ul(
            "Your DigiD.",
            "The new address and the moving date.",
            "Permission of the main occupant if you move in with someone.",
        ),
        "costs": [],
        "apply": {
            "online": "Report your move online with DigiD. It takes about 5 minutes.",
            "post": "Cannot do it online? Fill in the form 'Verhuizing doorgeven' and send it "
            "to Gemeente Zoetermeer, Postbus 15, 2700 AA Zoetermeer.",
        },
        "processing_time": "Your new address is in the BRP within 5 working days.",
        "faq": [
            (
                "When do I have to report my move?",
                "Report it between 4 weeks before and 5 days after your moving date. Reporting "
                "late can lead to a fine.",
            ),
            (
                "Do I also have to tell the Tax Administration?",
                "No. The Tax Administration receives your new address from the municipality. "
                "Do check your benefits yourself, as your rent or household may change.",
            ),
        ],
    },
    "uittreksel-brp": {
        "title": "Request an extract from the BRP",
        "summary": "An extract from the Personal Records Database (BRP) is official proof of "
        "your details, such as your address and date of birth.",
        "what_is_it": p(
            "You may need an extract for a new job, a rented home or a residence permit. It "
            "shows your name, date and place of birth, nationality and address, and sometimes "
            "your previous addresses or marital status."
        ),
        "conditions": ul(
            "You are registered in the municipality of Zoetermeer.",
            "You request the extract for yourself.",
        ),
        "what_you_need": ul("Your DigiD.", "A way to pay (iDEAL)."),
        "costs": [("Extract from the BRP", "")],
        "apply": {
            "online": "Request the extract online with DigiD and pay with iDEAL.",
            "appointment": "Make an appointment at the City Hall. Bring valid identification.",
        },
        "processing_time": "You receive the extract by post within 5 working days.",
        "faq": [
            (
                "Is a digital extract valid too?",
                "Yes, the extract carries an official seal. Ask the organisation that wants it "
                "whether it needs a paper copy.",
            ),
        ],
    },
    "paspoort-aanvragen": {
        "title": "Apply for a passport",
        "summary": "Apply for a passport at the municipality where you are registered. You come "
        "to the City Hall by appointment.",
        "what_is_it": p(
            "A passport is a travel document and proof of identity. An adult's passport is "
            "valid for 10 years, a passport for a child under 18 for 5 years."
        ),
        "conditions": ul(
            "You have Dutch nationality.",
            "You come to the desk yourself; children under 12 come along.",
            "For children under 18 both parents give permission.",
        ),
        "what_you_need": ul(
            "One recent passport photo that meets the photo requirements.",
            "Your current passport or identity card.",
        ),
        "costs": [
            ("Passport, 18 and older", "valid for 10 years"),
            ("Passport, under 18", "valid for 5 years"),
            ("Urgent delivery", "on top of the normal fee"),
        ],
        "apply": {
            "appointment": "Make an appointment online. You can only apply for a passport at "
            "the desk, because we take your fingerprints.",
        },
        "processing_time": "Your passport is ready after 5 working days; urgent: the next "
        "working day.",
        "faq": [
            (
                "How long in advance should I apply for a new passport?",
                "Apply at least 6 weeks before you leave. Summer is busy.",
            ),
        ],
    },
    "identiteitskaart-aanvragen": {
        "title": "Apply for an identity card",
        "summary": "An identity card is proof of identity you can also travel with within Europe.",
        "what_is_it": p(
            "From the age of 14 you must be able to identify yourself. An identity card costs "
            "less than a passport and is valid in every country of the European Union."
        ),
        "conditions": ul("You have Dutch nationality.", "You come to the desk yourself."),
        "what_you_need": ul("One recent passport photo.", "Your current proof of identity."),
        "costs": [
            ("Identity card, 18 and older", "valid for 10 years"),
            ("Identity card, under 18", "valid for 5 years"),
        ],
        "apply": {"appointment": "Make an appointment online at the City Hall."},
        "processing_time": "Your identity card is ready after 5 working days.",
        "faq": [],
    },
    "geboorteaangifte": {
        "title": "Register a birth",
        "summary": "Has your child been born? Register the birth within 3 working days at the "
        "municipality where your child was born.",
        "what_is_it": p(
            "Registering the birth enters your child in the BRP and gives it a citizen service "
            "number (BSN). The municipality draws up a birth certificate."
        ),
        "conditions": ul(
            "You are the father, mother or co-mother, or you were present at the birth.",
            "Your child was born in Zoetermeer.",
        ),
        "what_you_need": ul(
            "Your DigiD.",
            "The first names you chose for your child.",
            "An acknowledgement made before the birth, if you are not married.",
        ),
        "costs": [("Birth registration", "free")],
        "apply": {
            "online": "Register the birth online with DigiD.",
            "appointment": "Prefer the desk? Make an appointment at the City Hall.",
        },
        "processing_time": "Your child is in the BRP within 2 working days.",
        "faq": [
            (
                "What if I cannot make the 3 working days?",
                "Register as soon as you can. Contact the municipality if you cannot, for "
                "example because you or your child is in hospital.",
            ),
        ],
    },
    "parkeervergunning": {
        "title": "Residents' parking permit",
        "summary": "Do you live in a paid parking area? A residents' permit lets you park in "
        "your own neighbourhood.",
        "what_is_it": p(
            "The permit is linked to your number plate and valid in the parking zone of your "
            "address. There is no paper permit: enforcement officers check your number plate."
        ),
        "conditions": ul(
            "You are registered at an address in a permit area.",
            "The car is in your name or you drive a lease car.",
            "Each address gets at most one permit for a second car.",
        ),
        "what_you_need": ul("Your DigiD.", "Your car's number plate."),
        "costs": [("First permit, per year", ""), ("Second permit, per year", "")],
        "apply": {"online": "Apply for the permit online with DigiD."},
        "processing_time": "Within 2 working days; you can park as soon as you have paid.",
        "faq": [
            (
                "Is my permit still valid when I move?",
                "No, the permit belongs to your address. After a move you apply for a new one; "
                "the old one ends automatically.",
            ),
        ],
    },
    "omgevingsvergunning": {
        "title": "Apply for an environmental permit",
        "summary": "To build, renovate, demolish or fell a tree you sometimes need an "
        "environmental permit.",
        "what_is_it": p(
            "The permit check in the Omgevingsloket tells you whether you need a permit. A "
            "dormer at the back or a small shed often needs none; an extension at the front or "
            "felling a large tree usually does."
        ),
        "conditions": ul("You own the plot or have the owner's permission."),
        "what_you_need": ul(
            "Building drawings and a site plan.",
            "A structural calculation, if needed.",
        ),
        "costs": [
            ("Fee for building up to € 50,000 building costs", "2.45% extra above that"),
            ("Tree felling permit", "per application"),
        ],
        "apply": {"online": "Do the permit check and apply through the Omgevingsloket."},
        "processing_time": "Within 8 weeks; the municipality may extend this once by 6 weeks.",
        "faq": [
            (
                "May I start before I have the permit?",
                "No. Wait until you have the permit and the 6-week objection period has passed.",
            ),
        ],
    },
    "bijzondere-bijstand": {
        "title": "Apply for special assistance",
        "summary": "Do you have unexpected, necessary costs you cannot pay yourself? Then you "
        "can apply for special assistance (bijzondere bijstand).",
        "what_is_it": p(
            "Special assistance covers exceptional costs, such as a personal contribution to "
            "legal aid, a financial administrator or a necessary move. You do not need to "
            "receive social assistance benefit."
        ),
        "conditions": ul(
            "You live in Zoetermeer and are 18 or older.",
            "Your income is at most 120% of the social minimum.",
            "The costs are necessary and not covered in another way.",
        ),
        "what_you_need": ul(
            "Your DigiD.",
            "Bank statements of the last 3 months.",
            "A quotation or invoice for the costs.",
        ),
        "costs": [],
        "apply": {
            "online": "Apply for special assistance online with DigiD.",
            "post": "Ask for an application form by calling 14 079 and send it with the "
            "supporting documents.",
        },
        "processing_time": "You receive a decision within 8 weeks.",
        "faq": [
            (
                "Do I have to pay special assistance back?",
                "Usually not. Sometimes you get a loan, for example for durable goods such as "
                "a washing machine.",
            ),
        ],
    },
    "melding-openbare-ruimte": {
        "title": "Report a problem in a public space",
        "summary": "Do you see a broken street lamp, litter or a loose paving stone? Report it "
        "to the municipality.",
        "what_is_it": p(
            "Your report helps the municipality keep the city clean, intact and safe. You hear "
            "from us as soon as the problem is solved."
        ),
        "conditions": ul("The problem is in a public space in Zoetermeer."),
        "what_you_need": ul("Where the problem is.", "A photo, if you have one."),
        "costs": [],
        "apply": {"online": "Report it online. You do not need to log in."},
        "processing_time": "We solve most reports within 5 working days.",
        "faq": [
            (
                "Is there danger in the street?",
                "If there is immediate danger, call 14 079, also outside office hours.",
            ),
        ],
    },
    "akte-van-overlijden": {
        "title": "Request a death certificate",
        "summary": "You need a death certificate to settle matters after someone close to you "
        "has died.",
        "what_is_it": p(
            "The funeral director registers the death. The municipality then draws up a death "
            "certificate. You may need a copy for the bank, the notary or the insurer."
        ),
        "conditions": ul("You are family or an heir, or have another reason."),
        "what_you_need": ul("Your DigiD.", "The name and date of death of the deceased."),
        "costs": [("Copy of the death certificate", "per copy")],
        "apply": {
            "online": "Request the copy online with DigiD.",
            "post": "Send a letter with the details of the deceased to the municipality.",
        },
        "processing_time": "You receive the copy by post within 5 working days.",
        "faq": [],
    },
    "voorlopige-aanslag-inkomstenbelasting": {
        "title": "Apply for or change a provisional income tax assessment",
        "summary": "With a provisional assessment you get tax back every month (for example "
        "mortgage interest relief), or you pay in instalments.",
        "what_is_it": p(
            "Do you expect to get tax back or to pay tax over this year? Apply for a "
            "provisional assessment. Does your income change, for example because you start a "
            "business or lose your job? Then change the provisional assessment."
        ),
        "conditions": ul("You expect to get back or pay at least € 15."),
        "what_you_need": ul("Your DigiD.", "An estimate of your income and deductions."),
        "costs": [],
        "apply": {"online": "Apply for or change the assessment in Mijn Belastingdienst."},
        "processing_time": "You receive the provisional assessment within 8 weeks.",
        "faq": [
            (
                "I am starting a business. Should I change my provisional assessment?",
                "Yes, if your income changes. That way you avoid having to pay a large amount "
                "afterwards.",
            ),
        ],
    },
    "toeslagen-wijzigen": {
        "title": "Change your benefits (toeslagen)",
        "summary": "Does your income, rent or family change? Report it within 4 weeks, so you "
        "do not get too much or too little.",
        "what_is_it": p(
            "Benefits are paid in advance. Report changes as soon as possible, such as a move, "
            "the birth of a child, a new job or losing your job. That way you avoid having to "
            "pay money back."
        ),
        "conditions": ul(
            "You receive rent benefit, healthcare benefit, childcare benefit or child budget."
        ),
        "what_you_need": ul("Your DigiD.", "Your new income, rent or family situation."),
        "costs": [],
        "apply": {
            "online": "Report the change in Mijn toeslagen.",
            "post": "Call the BelastingTelefoon if reporting online does not work.",
        },
        "processing_time": "You see the new advance within 5 weeks.",
        "faq": [
            (
                "I am moving. Do I have to tell Toeslagen?",
                "We receive your new address from the municipality. You do report your new "
                "rent and any new housemates yourself.",
            ),
        ],
    },
    "zorgtoeslag-aanvragen": {
        "title": "Apply for healthcare benefit",
        "summary": "Healthcare benefit is a contribution to the cost of your health insurance. "
        "You can apply from the month you turn 18.",
        "what_is_it": p(
            "Healthcare benefit pays part of your health insurance premium. How much you get "
            "depends on your income and assets."
        ),
        "conditions": ul(
            "You are 18 or older.",
            "You have Dutch health insurance.",
            "Your income and assets are not too high.",
        ),
        "what_you_need": ul("Your DigiD.", "An estimate of your income this year."),
        "costs": [],
        "apply": {"online": "Apply for healthcare benefit in Mijn toeslagen."},
        "processing_time": "Within 5 weeks you know whether you get healthcare benefit.",
        "faq": [
            (
                "I am turning 18. Do I get healthcare benefit automatically?",
                "No, you apply yourself. You can do so until 1 September of the following year.",
            ),
        ],
    },
    "aangifte-erfbelasting": {
        "title": "File an inheritance tax return",
        "summary": "Have you received an inheritance? You may have to pay inheritance tax. "
        "Often the notary files the return.",
        "what_is_it": p(
            "After a death the Tax Administration sometimes sends an invitation to file an "
            "inheritance tax return. Without an invitation you must still file if you inherit "
            "more than the exemption."
        ),
        "conditions": ul("You are an heir or receive a legacy."),
        "what_you_need": ul("An overview of the assets and debts of the deceased."),
        "costs": [],
        "apply": {
            "online": "File online or let the notary do it.",
            "post": "Ask for a return form through the BelastingTelefoon.",
        },
        "processing_time": "The assessment usually follows within 6 months.",
        "faq": [],
    },
    "ww-uitkering-aanvragen": {
        "title": "Apply for unemployment benefit (WW)",
        "summary": "Have you become unemployed? You may be entitled to unemployment benefit. "
        "Apply within 1 week after your last working day.",
        "what_is_it": p(
            "WW (Unemployment Insurance Act) is a temporary benefit when you lose your job. In "
            "the first 2 months you receive 75% of your daily wage, then 70%."
        ),
        "conditions": ul(
            "You were employed and lose at least 5 hours of work a week.",
            "You worked at least 26 of the last 36 weeks.",
            "You did not resign yourself.",
        ),
        "what_you_need": ul(
            "Your DigiD with SMS check or the DigiD app.",
            "Your dismissal letter or settlement agreement.",
            "Your registration as a jobseeker.",
        ),
        "costs": [],
        "apply": {"online": "Apply for unemployment benefit online in Mijn UWV."},
        "processing_time": "You receive a decision within 4 weeks.",
        "faq": [
            (
                "Do I have to register as a jobseeker first?",
                "Yes. Register as a jobseeker before you apply for unemployment benefit.",
            ),
        ],
    },
    "inschrijven-werkzoekende": {
        "title": "Register as a jobseeker",
        "summary": "Register as a jobseeker with UWV, at the latest on your first day without "
        "work.",
        "what_is_it": p(
            "Registering gives you access to vacancies and help in finding work. You need it "
            "for unemployment benefit or social assistance."
        ),
        "conditions": ul("You are 15 or older and live in the Netherlands."),
        "what_you_need": ul("Your DigiD.", "Your CV."),
        "costs": [],
        "apply": {"online": "Register online at werk.nl."},
        "processing_time": "You are registered at once.",
        "faq": [],
    },
    "zwangerschapsuitkering-zelfstandigen": {
        "title": "Apply for pregnancy benefit for the self-employed (ZEZ)",
        "summary": "Are you self-employed and pregnant? Apply for a pregnancy and maternity "
        "benefit.",
        "what_is_it": p(
            "The ZEZ benefit supplements your income during your pregnancy and maternity leave "
            "of at least 16 weeks."
        ),
        "conditions": ul(
            "You are self-employed, a working partner or a professional practitioner.",
            "You apply from 2 weeks before your leave.",
        ),
        "what_you_need": ul("Your DigiD.", "A pregnancy statement from your doctor or midwife."),
        "costs": [],
        "apply": {"online": "Apply for the benefit in Mijn UWV."},
        "processing_time": "You receive a decision within 4 weeks.",
        "faq": [],
    },
    "kwijtschelding-waterschapsbelasting": {
        "title": "Apply for remission of water board tax",
        "summary": "Cannot pay the water board tax? You may not have to: apply for remission.",
        "what_is_it": p(
            "With remission you do not pay the water system levy for residents and the "
            "purification levy. Rijnland looks at your income, fixed costs and assets."
        ),
        "conditions": ul(
            "You have a low income and few assets.",
            "You apply within 3 months of the date of the assessment.",
        ),
        "what_you_need": ul(
            "Your DigiD.",
            "Proof of your income and fixed costs.",
            "Bank statements of the last 3 months.",
        ),
        "costs": [],
        "apply": {
            "online": "Apply for remission online with DigiD.",
            "post": "Send the remission form to Rijnland, Postbus 156, 2300 AD Leiden.",
        },
        "processing_time": "You receive a decision within 8 weeks.",
        "faq": [
            (
                "Do I have to pay while my application is being handled?",
                "No. While we handle your application you do not have to pay.",
            ),
        ],
    },
    "betalingsregeling-waterschapsbelasting": {
        "title": "Payment arrangement for water board tax",
        "summary": "Pay your water board tax in monthly instalments instead of all at once.",
        "what_is_it": p(
            "With direct debit you pay the assessment in up to 10 instalments. Cannot manage "
            "that, for example because you lost your job? Apply for a personal payment "
            "arrangement."
        ),
        "conditions": ul("You have a water board tax assessment from Rijnland."),
        "what_you_need": ul("Your DigiD.", "Your IBAN."),
        "costs": [],
        "apply": {"online": "Arrange it online with DigiD."},
        "processing_time": "Within 2 weeks.",
        "faq": [],
    },
    "watervergunning": {
        "title": "Apply for a water permit",
        "summary": "Building near a dyke or ditch, or discharging water? You sometimes need a "
        "water permit from Rijnland.",
        "what_is_it": p(
            "Rijnland protects dykes and waterways. Work in or near the water, such as a jetty, "
            "a dam or discharging industrial waste water, needs a permit."
        ),
        "conditions": ul("You own or use the plot."),
        "what_you_need": ul("A drawing of the situation.", "A description of the work."),
        "costs": [("Water permit fee", "Rijnland charges no fee")],
        "apply": {"online": "Apply for the permit through the Omgevingsloket."},
        "processing_time": "Within 8 weeks.",
        "faq": [],
    },
}

LIFE_EVENTS = {
    "verhuizen": {
        "title": "Moving house",
        "intro": "Are you moving? This is what you arrange with the government.",
        "body": p(
            "Your new address reaches most government organisations through the municipality. "
            "Do check your benefits and permits yourself."
        ),
        "faq": [
            (
                "Which organisations receive my new address automatically?",
                "Among others the Tax Administration, UWV, the water board and your health "
                "insurer.",
            ),
        ],
    },
    "kind-krijgen": {
        "title": "Having a baby",
        "intro": "Congratulations! After the birth there are a few things to arrange quickly.",
        "body": p("Register the birth within 3 working days. Then adjust your benefits."),
        "faq": [
            (
                "Do I get child benefit?",
                "Child benefit is arranged by the SVB. You receive a letter after registering "
                "the birth.",
            ),
        ],
    },
    "werk-verliezen": {
        "title": "Losing your job",
        "intro": "Have you lost your job, or are you about to? This is how you keep an income.",
        "body": p("Register as a jobseeker and apply for unemployment benefit within 1 week."),
        "faq": [],
    },
    "bedrijf-starten": {
        "title": "Starting a business",
        "intro": "Starting your own business? This is what you arrange with the government.",
        "body": p(
            "You register with the KvK. With the municipality, the water board and the Tax "
            "Administration you arrange permits and your provisional assessment."
        ),
        "faq": [],
    },
    "overlijden": {
        "title": "Death of someone close",
        "intro": "Someone close to you has died. This is what you need to arrange.",
        "body": p(
            "The funeral director registers the death with the municipality. Then you settle "
            "the estate."
        ),
        "faq": [
            (
                "Do benefits stop automatically after a death?",
                "Yes, the benefits of the deceased stop. Your own benefits may change; report "
                "that.",
            ),
        ],
    },
    "18-worden": {
        "title": "Turning 18",
        "intro": "A lot changes when you turn 18. This is what you arrange yourself.",
        "body": p("From now on you pay your own health insurance. You may get healthcare benefit."),
        "faq": [],
    },
}

CONTENT_PAGES = {
    "toegankelijkheid": {
        "title": "Accessibility statement",
        "intro": "We want everyone to be able to use Open Loket.",
        "body": p(
            "Open Loket is built to the Web Content Accessibility Guidelines (WCAG) 2.1 at "
            "level AA, as the Dutch temporary decree on digital accessibility of government "
            "requires.",
            "We test every page automatically with axe and with the keyboard. Still run into a "
            "problem? Let us know through your municipality's contact details. We respond "
            "within 5 working days.",
        ),
    },
    "privacy": {
        "title": "Privacy statement",
        "intro": "How Open Loket handles your personal data.",
        "body": p(
            "When you log in with DigiD, we use your citizen service number (BSN) to show your "
            "cases with the government. We use your data only to help you.",
            "In My details you can see who viewed your data. Questions about privacy go to the "
            "data protection officer of your municipality.",
        ),
    },
}

# Request form questions per product, in the order of pages/demo_requests.py:
# (label, help text, choices).
REQUEST_FORMS = {
    "verhuizing-doorgeven": [
        ("Moving date", "The day you start living at the new address.", ""),
        ("New address", "Street, house number and postcode.", ""),
        (
            "Who is moving with you?",
            "",
            "Only me\nMe and my partner\nMe, my partner and children",
        ),
        ("E-mail address for questions", "", ""),
        ("Rental contract or deed of purchase", "Not needed if you move in with someone.", ""),
    ],
    "bijzondere-bijstand": [
        ("What do you need assistance for?", "For example: a washing machine.", ""),
        ("How much does it cost?", "The amount in euros.", ""),
        ("Why can you not pay this yourself?", "", ""),
        ("Quotation or receipt", "A photo or scan is enough.", ""),
        ("I filled this in truthfully", "", ""),
    ],
    "kwijtschelding-waterschapsbelasting": [
        ("Assessment number", "You find it on your assessment.", ""),
        (
            "Your situation",
            "",
            "I receive a benefit\nI have a low income from work\nI receive a state pension (AOW)",
        ),
        ("Which levies?", "", "Water system levy\nPurification levy"),
    ],
}
