"""English evaluation text, written for Dossier's OCR evaluation (invented content)."""

PARAGRAPHS = [
    "The applicant submitted the request for a residence permit on 4 March 2026, together with a copy "
    "of her passport, a birth certificate issued by the municipality of her place of birth and a signed "
    "declaration of her sponsor. The service confirmed receipt by letter and asked for two further "
    "documents within four weeks.",
    "During the interview the applicant explained that she had worked as a teacher for eleven years. "
    "She described the school, the number of pupils in her classes and the subjects she taught. The "
    "interpreter translated every answer, and the applicant confirmed at the end that the report "
    "reflected what she had said.",
    "The employer states that the employee works thirty-eight hours a week under a contract for an "
    "indefinite period. The gross monthly salary amounts to 3,150 euros, excluding holiday pay of eight "
    "per cent. Payslips for the last three months are attached to this statement.",
    "A decision on the application must be taken within ninety days of receipt. If the service does not "
    "decide in time, the applicant may give notice of default. The service then has two weeks to take a "
    "decision before a penalty becomes payable for every day of further delay.",
    "Documents in a language other than Dutch, English, French or German must be accompanied by a "
    "translation made by a sworn translator. Civil-status documents must in most cases be legalised or "
    "carry an apostille, depending on the country that issued them.",
    "The court considered that the service had not sufficiently explained why the statements of the "
    "applicant were found to be inconsistent. The appeal was therefore declared well-founded and the "
    "service was ordered to take a new decision within six weeks of the judgment.",
    "Please check that all pages of each document are included and readable. Photographs taken with a "
    "mobile phone are accepted only when the whole page is visible, the text is sharp and no part of the "
    "document is covered by fingers, shadows or reflections.",
    "The sponsor must have a sustainable and sufficient income. The income is sustainable if it is "
    "available for at least one year from the date of the application. Income from social assistance "
    "benefits does not count towards the required amount.",
]
