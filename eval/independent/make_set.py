"""Builds the independent evaluation set: case folders of documents and their ground truth.

The splits are fixed: `dev` (seed 71, 16 cases; the first 6 were the first dev split) may be
looked at while fixing a failure kind; `calibration` (seed 5113, 16 cases) is what the type
confidence's calibration table is fitted on (`evaluate --fit-calibration`), and nothing else; `test` (seed 9301, 10 cases) is run for
figures; `holdout` (seed 40417, 10 cases, drawn on 2026-12-02 after the last rule change it
could have prompted) was never looked at before its figures were taken and must not be used to
fix anything; `holdout2` (seed 60719, 10 cases, drawn on 2026-12-02 after the redaction rules were
written and after a change prompted by the test split) and `holdout3` (seed 83911, 10 cases, drawn
after the fixes holdout2's failures prompted) and `holdout4` (seed 97103, 10 cases, drawn after the fixes
holdout3's failures prompted) and `holdout5` (seed 12473, 10 cases, drawn after the fixes holdout4's
failures prompted) likewise, each run once for the figures of its time. None is used to train a model or to tune a rule's numbers.
Usage (from eval/independent/evaluate): make(split, folder).
"""
import datetime
import json
import os
import random
import tempfile

import personal
import render
import templates as t
from facts import VARIANTS, Draw

SPLITS = {"dev": (71, 16), "calibration": (5113, 16), "test": (9301, 10), "holdout": (40417, 10), "holdout2": (60719, 10), "holdout3": (83911, 10), "holdout4": (97103, 10), "holdout5": (12473, 10)}
TODAY = datetime.date(2026, 11, 30)
PROBLEMS = ["expired", "mrz", "bsn", "iban", "deadline", "missing-page", "contra-civil", "contra-birth",
            "contra-salary", "variant"]


def case(d, index, folder, work):
    """One case: its documents (which ones is drawn too) with three planted problems."""
    problems = d.r.sample(PROBLEMS, 3)
    p = d.person()
    if "variant" in problems:
        # A name that has a well-known second spelling.
        pair = d.pick(sorted(VARIANTS.items()))
        if pair[0] in ("Yılmaz", "Petrenko", "Karimi"):
            p["family"] = pair[0]
        else:
            p["given"] = pair[0]
    partner = d.person()
    documents = []

    def add(name, document, form):
        documents.append((name, document, form))

    expiry = d.date(2023, 2025) if "expired" in problems else d.date(2028, 2035)
    if expiry < TODAY and expiry > TODAY - datetime.timedelta(days=30):
        expiry -= datetime.timedelta(days=60)
    card_form = d.pick(["scan", "photo", "scan200", "turn90", "turn180"])
    if p["country"] in ("UKR", "GHA", "SEN", "BRA") and d.r.random() < 0.7:
        add("identiteitskaart." + ("jpg" if card_form == "photo" else "png"), t.id_card(d, p, expiry, broken="mrz" in problems), card_form)
    else:
        add("paspoort." + ("jpg" if card_form == "photo" else "png"), t.passport(d, p, expiry, broken="mrz" in problems), card_form)

    vnumber = d.vnumber()
    salary = round(d.r.uniform(2300, 4200), 2)
    hours = d.pick([32, 36, 38, 40])
    english = d.r.random() < 0.35
    contract_salary = salary + d.pick([-350, 275, 410]) if "contra-salary" in problems else salary
    add("arbeidsovereenkomst.pdf", t.employment_contract(d, p, contract_salary, hours, english=english,
                                                         drop_page=2 if "missing-page" in problems and not english else
                                                         (3 if "missing-page" in problems else None)),
        d.pick(["digital", "digital", "scan"]))
    bsn = d.bsn(valid="bsn" not in problems)
    iban, bank = d.iban(valid="iban" not in problems)
    add("loonstrook.png", t.payslip(d, p, salary, hours, bsn, iban), d.pick(["scan", "scan200", "photo"]))
    if d.r.random() < 0.6:
        own_iban, own_bank = d.iban()
        add("rekeningoverzicht.pdf", t.bank_statement(d, p, own_iban, own_bank), "digital")

    married = d.date(2015, 2024)
    if "contra-civil" in problems or d.r.random() < 0.4:
        add("huwelijksakte.pdf", t.marriage_certificate(d, p, partner, married), d.pick(["digital", "scan"]))
    if "contra-civil" in problems:
        add("verklaring-ongehuwd.pdf", t.civil_status_declaration(d, p, married + datetime.timedelta(days=d.r.randint(200, 900))),
            d.pick(["digital", "scan"]))
    if "contra-birth" in problems or "variant" in problems or d.r.random() < 0.5:
        birth = p["birth"] + datetime.timedelta(days=d.pick([-3, 2, 11])) if "contra-birth" in problems else None
        given = VARIANTS.get(p["given"]) if "variant" in problems else None
        document = t.birth_certificate(d, p, birth=birth, given=given)
        if "variant" in problems and p["family"] in VARIANTS:
            document = t.birth_certificate(d, dict(p, family=VARIANTS[p["family"]]), birth=birth)
        add("geboorteakte.pdf", document, d.pick(["digital", "scan", "scan200"]))
    add(d.pick(["gehoor.pdf", "rapport.pdf"]), t.hearing_report(d, p, vnumber, first=d.r.random() < 0.5),
        d.pick(["digital", "scan"]))
    if "deadline" in problems:
        add("ingebrekestelling.pdf", t.notice_of_default(d, p, vnumber, TODAY - datetime.timedelta(days=d.r.randint(3, 25))),
            d.pick(["digital", "scan"]))
    extra = d.pick(["decision", "court", "other", "greek"])
    if extra == "decision":
        add("besluit.pdf", t.decision(d, p, vnumber), "digital")
    elif extra == "court":
        add("uitspraak.pdf", t.court_ruling(d, p, vnumber), d.pick(["digital", "scan"]))
    elif extra == "other":
        add("brief.pdf", t.other_letter(d, p), d.pick(["digital", "scan"]))
    else:
        add("verklaring.png", t.greek_letter(d, p), "scan")

    truth = {"case": os.path.basename(folder), "problems": problems, "documents": [], "expected_case_flags": [],
             "variants": "variant" in problems}
    os.makedirs(folder, exist_ok=True)
    for name, document, form in documents:
        if form == "digital" and not name.endswith(".pdf"):
            form = "scan"
        if form != "digital" and name.endswith(".pdf"):
            name = name[:-4] + (".tiff" if form != "photo" else ".jpg")
        path = os.path.join(folder, name)
        produce(path, document, form, d, work)
        flags = []
        if document["type"] in ("passport", "id-card"):
            if "expired" in problems:
                flags.append("expired-document")
            if "mrz" in problems:
                flags.append("mrz-check-digit")
        if document["type"] == "payslip":
            if "bsn" in problems:
                flags.append("invalid-bsn")
            if "iban" in problems:
                flags.append("invalid-iban")
        if document["type"] == "notice-of-default":
            flags.append("deadline")
        if document["type"] == "employment-contract" and document.get("dropped"):
            flags.append("missing-page")
        truth["documents"].append({"file": name, "type": document["type"], "language": document["lang"], "form": form,
                                   "identifiers": document["identifiers"], "mrz": document.get("mrz"),
                                   "facts": document["facts"], "flags": flags,
                                   "personal": personal.planted(document, [p, partner], birth=datetime.date.fromisoformat(
                                       document["facts"]["birth"]) if "birth" in document["facts"] else None),
                                   "unreadable": document.get("unreadable", False)})
    # A salary on a contract page that was left out cannot contradict anything.
    contract_salary_shown = any("salary" in d["facts"] for d in truth["documents"] if d["type"] == "employment-contract")
    for problem, subject in (("contra-civil", "civil status"), ("contra-birth", "date of birth"), ("contra-salary", "salary")):
        if problem in problems and (problem != "contra-salary" or contract_salary_shown):
            truth["expected_case_flags"].append({"kind": "contradiction", "subject": subject})
    with open(os.path.join(folder, "truth.json"), "w") as out:
        json.dump(truth, out, indent=1, ensure_ascii=False, default=str)
    return truth


def produce(path, document, form, d, work):
    rng = d.r
    if document["kind"] == "card":
        card = render.draw_card(document, rng)
        if form == "photo":
            image = render.photo_of(card, rng)
            render.save_image(image, path, 300, quality=rng.randint(72, 88))
            return
        image = render.card_on_scanner(card, rng)
        dpi = 300
        if form == "scan200":
            image, dpi = render.resample(image, 300, 200), 200
        if form == "turn90":
            image = render.turn(image, rng.choice([90, 270]))
        if form == "turn180":
            image = render.turn(image, 180)
        render.save_image(image, path, dpi)
        return
    pdf = path if form == "digital" else os.path.join(work, "rendered.pdf")
    render.write_pdf(pdf, document, rng)
    if form == "digital":
        return
    dpi = 200 if form == "scan200" else 300
    pages = render.rasterise(pdf, dpi, work)
    if form == "photo":
        images = [render.photo_of(render.resample(page, dpi, 200), rng) for page in pages]
        dpi = 200
    else:
        images = [render.scan_page(page, rng, dpi, grey=rng.random() < 0.6) for page in pages]
    if path.endswith((".png", ".jpg")):
        render.save_image(images[0], path, dpi)
    else:
        render.save_pages(images, path, dpi)


def make(split, root):
    seed, count = SPLITS[split]
    rng = random.Random(seed)
    truths = []
    with tempfile.TemporaryDirectory(prefix="dossier-independent-") as work:
        for index in range(count):
            d = Draw(random.Random(rng.randint(0, 10**9)))
            truths.append(case(d, index, os.path.join(root, f"{split}-{index + 1:02d}"), work))
    return truths
