"""The personal data each document of the independent set carries, for measuring redaction.

Written from what the templates put on the page: the case's persons (holder and partner) and
the parents, officers, interpreters and lawyers the templates name; their birth dates in every
form the templates print; the numbers (BSN, IBAN, V-number, KvK, zone lines, document numbers);
street addresses, postcodes with their town and post-office boxes; telephone numbers.
Nothing here draws randomness, so recording it leaves the set's documents as they were.
"""
import re

from facts import FATHERS, LAWYERS, MOTHERS, OFFICERS, STREETS_NL, VARIANTS, en_date, fr_date, nl_date, numeric_date


def texts(document):
    """Every string the document prints."""
    out = []
    for line in document.get("header", []):
        out.append(line)
    for label, value in document.get("fields", []):
        out += [label, value]
    out += document.get("mrz") or []
    for page in document.get("pages", []):
        for block in page:
            kind = block[0]
            if kind in ("title", "p", "stamp"):
                out.append(block[1])
            elif kind == "sign":
                # The renderer writes the last word in a hand above the printed line (render.py).
                out += [block[1], block[1].split(",")[0].split()[-1]]
            elif kind == "qa":
                out += [block[2], block[3]]
            elif kind == "table":
                out += [cell for row in block[1] for cell in row]
            elif kind == "letterhead":
                out += [block[1]] + list(block[2])
            elif kind == "columns":
                out += list(block[1])
    return out


def date_forms(day):
    return {nl_date(day), en_date(day, 0), en_date(day, 1), fr_date(day), numeric_date(day, "-"), numeric_date(day, "."),
            numeric_date(day, " "), day.strftime("%d %b %Y").upper()}


def name_forms(person):
    givens = {person["given"], VARIANTS.get(person["given"], person["given"])}
    families = {person["family"], VARIANTS.get(person["family"], person["family"])}
    forms = {f"{g} {f}" for g in givens for f in families}
    forms |= {g.upper() for g in givens} | {f.upper() for f in families} | givens | families
    forms |= {f"{father} {f}" for father in FATHERS for f in families}
    return forms


def planted(document, persons, birth=None):
    """[{category, text}] for one document: each personal datum it prints, once."""
    strings = texts(document)
    found = []

    def add(category, text):
        if any(text in s for s in strings) and {"category": category, "text": text} not in found:
            found.append({"category": category, "text": text})

    names = set()
    for person in persons:
        names |= name_forms(person)
    names |= set(MOTHERS) | set(OFFICERS) | {lawyer.replace("mr. ", "") for lawyer in LAWYERS}
    # Longer forms first; a shorter one only where it stands on its own (a card's "KUMAR").
    for name in sorted(names, key=len, reverse=True):
        for s in strings:
            rest = s
            for longer in (f["text"] for f in found if f["category"] == "name"):
                rest = rest.replace(longer, " ")
            if re.search(r"(?<![\w])" + re.escape(name) + r"(?![\w])", rest):
                add("name", name)
    days = [person["birth"] for person in persons] + ([birth] if birth else [])
    for day in days:
        for form in date_forms(day):
            add("birth-date", form)
    for identifier in document.get("identifiers", []):
        if identifier["kind"] in ("bsn", "iban", "v-number", "kvk"):
            add(identifier["kind"], identifier["value"])
    for line in document.get("mrz") or []:
        add("mrz", line)
    for label, value in document.get("fields", []):
        if any(mark in label for mark in ("No.", "№", "N°")):
            add("document-number", value)
    for s in strings:
        for match in re.finditer(r"(?:" + "|".join(STREETS_NL) + r") \d+", s):
            add("address", match.group(0))
        for match in re.finditer(r"\b\d{4} [A-Z]{2} \w+", s):
            add("address", match.group(0))
        for match in re.finditer(r"Postbus \d+", s):
            add("address", match.group(0))
        for match in re.finditer(r"\b0\d{2}-\d{7}\b", s):
            add("phone", match.group(0))
    return found
