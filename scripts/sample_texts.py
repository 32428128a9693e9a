"""The text of Dossier's sample documents. All persons, numbers and addresses are invented."""

NOTICE_OF_DEFAULT = [
    ("small", "Advocatenkantoor De Vries & Bakker  ·  Herengracht 112  ·  1015 BS Amsterdam"),
    ("body", ""),
    ("body", "Immigratie- en Naturalisatiedienst"),
    ("body", "Postbus 17"),
    ("body", "9560 AA Ter Apel"),
    ("body", ""),
    ("body", "Amsterdam, 3 november 2026"),
    ("body", "Ons kenmerk: DVB/2026/0417"),
    ("body", "Uw kenmerk: V-nummer 1234567890"),
    ("body", ""),
    ("title", "Ingebrekestelling wegens niet tijdig beslissen"),
    ("body", "Geachte heer, mevrouw,"),
    ("body", "Namens mijn cliënt, de heer A. Jansen, geboren op 14 maart 1988, stel ik u hierbij in "
             "gebreke omdat u niet tijdig hebt beslist op zijn aanvraag om een verblijfsvergunning "
             "regulier voor verblijf bij echtgenote. De aanvraag is ontvangen op 12 februari 2026. "
             "De wettelijke beslistermijn van negentig dagen is inmiddels ruimschoots verstreken."),
    ("body", "Ik verzoek u alsnog binnen twee weken na dagtekening van deze brief een besluit te nemen. "
             "Neemt u niet binnen deze termijn een besluit, dan zal ik namens cliënt beroep instellen "
             "bij de rechtbank wegens het niet tijdig nemen van een besluit en aanspraak maken op een "
             "dwangsom als bedoeld in artikel 4:17 van de Algemene wet bestuursrecht."),
    ("body", "Bij deze brief voeg ik een kopie van de ontvangstbevestiging van de aanvraag en de "
             "machtiging van cliënt. Voor vragen kunt u contact opnemen met ondergetekende via "
             "telefoonnummer 020 555 0142."),
    ("body", ""),
    ("body", "Hoogachtend,"),
    ("body", ""),
    ("body", "mr. E. de Vries"),
    ("body", "advocaat"),
    ("body", ""),
    ("small", "Bijlagen: ontvangstbevestiging aanvraag, machtiging"),
]

PAYSLIP = [
    ("title", "Loonstrook oktober 2026"),
    ("body", "Werkgever: Bakkerij Van Dijk B.V., Dorpsstraat 8, 3511 AB Utrecht"),
    ("body", "KvK-nummer: 30123456"),
    ("body", "Werknemer: A. Jansen"),
    ("body", "Functie: productiemedewerker"),
    ("body", "Periode: 1 oktober 2026 tot en met 31 oktober 2026"),
    ("body", ""),
    ("bold", "Omschrijving                              Bedrag"),
    ("body", "Brutoloon                                  2.850,00"),
    ("body", "Vakantietoeslag                             228,00"),
    ("body", "Loonheffing                                -412,35"),
    ("body", "Pensioenpremie                             -136,80"),
    ("bold", "Nettoloon                                  2.528,85"),
    ("body", ""),
    ("body", "Uitbetaald op rekeningnummer NL91 ABNA 0417 1643 00 op 25 oktober 2026."),
    ("body", "Aantal gewerkte uren deze periode: 160. Contracturen per week: 38."),
]

EMPLOYMENT_CONTRACT = [
    ("title", "Arbeidsovereenkomst voor bepaalde tijd"),
    ("body", "De ondergetekenden:"),
    ("body", "1. Bakkerij Van Dijk B.V., gevestigd te Utrecht, ingeschreven bij de Kamer van "
             "Koophandel onder nummer 30123456, hierna te noemen de werkgever, en"),
    ("body", "2. de heer A. Jansen, wonende te Utrecht, hierna te noemen de werknemer,"),
    ("body", "komen het volgende overeen."),
    ("bold", "Artikel 1. Functie"),
    ("body", "De werknemer treedt met ingang van 1 januari 2026 in dienst van de werkgever in de "
             "functie van productiemedewerker. De werkzaamheden worden verricht in de bakkerij aan "
             "de Dorpsstraat 8 te Utrecht."),
    ("bold", "Artikel 2. Duur"),
    ("body", "Deze overeenkomst wordt aangegaan voor de duur van twaalf maanden en eindigt van "
             "rechtswege op 31 december 2026. De proeftijd bedraagt een maand."),
    ("bold", "Artikel 3. Arbeidsduur"),
    ("body", "De arbeidsduur bedraagt 38 uur per week, verdeeld over vijf werkdagen."),
    ("pagebreak", ""),
    ("bold", "Artikel 4. Salaris"),
    ("body", "Het brutosalaris bedraagt 2.850 euro per maand bij een volledige werkweek. De werknemer "
             "heeft recht op een vakantietoeslag van acht procent van het brutosalaris."),
    ("bold", "Artikel 5. Vakantie"),
    ("body", "De werknemer heeft recht op vijfentwintig vakantiedagen per jaar met behoud van salaris."),
    ("bold", "Artikel 6. Toepasselijke regeling"),
    ("body", "Op deze overeenkomst is de collectieve arbeidsovereenkomst voor het bakkersbedrijf van "
             "toepassing."),
    ("body", ""),
    ("body", "Aldus overeengekomen en in tweevoud ondertekend te Utrecht op 15 december 2025."),
    ("body", ""),
    ("body", "De werkgever                                    De werknemer"),
]

# Greek text for a page in a script outside nld+eng, written in the Symbol font's Latin
# stand-ins (a = alpha, b = beta, g = gamma, d = delta, e = epsilon, h = eta, q = theta,
# i = iota, k = kappa, l = lambda, m = mu, n = nu, x = xi, o = omicron, p = pi, r = rho,
# s = sigma, t = tau, u = upsilon, f = phi, c = chi, y = psi, w = omega, V = final sigma).
GREEK_DECLARATION = [
    ("greek", "BEBAIWSH OIKOGENEIAKHS KATASTASHS"),
    ("greek", "O upogegrammenoV dhlwnei oti h aithsh gia adeia diamonhV"),
    ("greek", "upobllhqhke sthn uphresia metanasteushV kai oti ola ta"),
    ("greek", "eggrafa einai gnhsia kai plhrh. H oikogeneia apoteleitai apo"),
    ("greek", "ton patera, th mhtera kai dUo paidia pou zoun mazi sthn idia"),
    ("greek", "katoikia apo to etoV dUo cilIadeV dekaennea."),
    ("greek", "Gia kaqe plhroforia h uphresia mporei na epikoinwnhsei me ton"),
    ("greek", "dhmo kai me to lhxiarceio thV periochV."),
]

# A two-column newsletter page: the left column must be read before the right one.
TWO_COLUMNS = [
    ("title", "Nieuwsbrief gemeente Utrecht, november 2026"),
    ("body", "LINKS. De gemeente opent in december een nieuw loket voor inburgering aan de "
             "Stationsplein. Nieuwkomers kunnen er terecht met vragen over taallessen, werk en "
             "huisvesting. Het loket is open op werkdagen van negen tot vijf uur."),
    ("body", "Wie een afspraak wil maken, kan bellen of langskomen. Neem uw identiteitsbewijs en "
             "de brief van de gemeente mee. Een tolk is op verzoek aanwezig."),
    ("body", "RECHTS. In januari begint een nieuwe cursus over de Nederlandse samenleving. De "
             "cursus duurt tien weken en is gratis voor inwoners van de gemeente. Aanmelden kan "
             "tot en met vijftien december bij de bibliotheek."),
    ("body", "De lessen worden gegeven op dinsdagavond in het wijkcentrum. Na afloop ontvangen "
             "deelnemers een bewijs van deelname dat zij kunnen gebruiken bij hun aanvraag."),
]

# The stamp laid on a scan, so the page is mostly image with a few words of text layer.
RECEIPT_STAMP = [
    ("bold", "ONTVANGEN 5 november 2026"),
]

# A French housing attestation: Latin script like the default OCR languages, but French.
FRENCH_ATTESTATION = [
    ("title", "Attestation d'hébergement"),
    ("body", ""),
    ("body", "Je soussignée, Madame Claire Dubois, née le 2 avril 1979 à Lyon, demeurant au"),
    ("body", "14 rue des Tilleuls, 69003 Lyon, certifie sur l'honneur héberger à mon domicile"),
    ("body", "Monsieur Karim Haddad depuis le 1er septembre 2025. Il occupe une chambre meublée"),
    ("body", "et participe aux frais du ménage. Cette attestation est établie pour servir et"),
    ("body", "valoir ce que de droit, notamment auprès des services chargés de l'examen de sa"),
    ("body", "demande de titre de séjour. Je joins à la présente une copie de ma pièce"),
    ("body", "d'identité et une facture d'électricité récente à mon nom."),
    ("body", ""),
    ("body", "Fait à Lyon, le 5 octobre 2026."),
    ("body", ""),
    ("body", "Claire Dubois"),
]

# A passport data page (an invented specimen) with its machine-readable zone; the zone's check
# digits are computed by make-samples. Printed data and zone agree.
PASSPORT = {
    "surname": "DE GROOT", "given": "SAMIRA", "nationality": "Nederlandse", "code": "NLD",
    "birth": ("14 MRT/MAR 1991", "910314"), "expiry": ("09 JAN/JAN 2031", "310109"),
    "issued": "10 JAN/JAN 2021", "number": "NX5R2K7C1", "place": "UTRECHT", "sex": "V/F",
}

# A statement in Persian (Arabic script, Persian digits), as an applicant's relative writes one.
PERSIAN_STATEMENT = [
    "به نام خدا",
    "اینجانب علی رضایی فرزند حسن گواهی می‌کنم که برادرم رضا از سال ۱۳۹۸ تا ۱۴۰۱ در شهر هرات با من زندگی کرده است.",
    "او در یک نانوایی کار می‌کرد و شب‌ها به مدرسه می‌رفت.",
    "این گواهی را به درخواست خودش نوشته‌ام تا به اداره مهاجرت ارائه شود.",
]

# A certificate of residence in Tigrinya (Ethiopic script).
TIGRINYA_CERTIFICATE = [
    "ናይ መንበሪ ምስክር ወረቐት",
    "ኣቶ ዳዊት ተስፋይ ካብ 2015 ክሳብ 2019 ኣብ ከተማ ኣስመራ ምሳና ተቐሚጡ ኣሎ።",
    "ኣብቲ እዋን እቲ ኣብ ሓደ ድኳን ይሰርሕ ነይሩ፣ ምስ ጎረቤቱ ድማ ብሰላም ይነብር ነይሩ።",
    "እዚ ወረቐት ብሕቶኡ ተዋሂቡ ኣሎ።",
]

# A payslip whose figures stand in a ruled table (Samples/loonstrook-tabel-scan.png): the rules
# between labels and values are what OCR must look past. Rows: label, value.
RULED_PAYSLIP = {
    "employer": ("Schoonmaakbedrijf Het Anker B.V.", "Havenweg 14, 1971 CA IJmuiden"),
    "title": "Salarisspecificatie augustus 2026",
    "person": [
        ("Werknemer", "M. Haddad"),
        ("Burgerservicenummer", "175364825"),
        ("Personeelsnummer", "4417"),
        ("Uren per week", "32"),
        ("Periode", "1 t/m 31 augustus 2026"),
    ],
    "amounts": [
        ("Omschrijving", "Bedrag"),
        ("Bruto salaris", "€ 2.316,80"),
        ("Reiskostenvergoeding", "€ 84,00"),
        ("Loonheffing", "€ 371,52"),
        ("Pensioenpremie", "€ 92,67"),
        ("Netto uit te betalen", "€ 1.936,61"),
    ],
    "footer": "Het nettobedrag wordt op 25 augustus 2026 overgemaakt naar rekening NL02 ABNA 0123 4567 89.",
}
