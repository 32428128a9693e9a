#!/usr/bin/env python3
"""The review workspace end to end in a real browser (Debian's chromium, driven by Selenium).

A fresh store gets a supervisor, two reviewers and an intake account through the real `dossier`
binary; the intake account takes the sample notice of default in; `dossier serve` serves it.
Then, in chromium: anna logs in, takes the next item with the keyboard, sees the evidence box on
the page image, approves it with `a`; she rewrites a summary sentence and may not approve her own
rewrite; bram, in a browser of his own, approves it. A screenshot of the item page is taken and
checked not to be blank. Also counts the keys a reviewer presses per approved item.

Usage: Tests/browser/workspace_e2e.py --dossier PATH [--screenshot FILE]
"""

import argparse
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from PIL import Image
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PASSWORDS = {"sanne": "wachtwoord sanne 1", "anna": "wachtwoord anna 1", "bram": "wachtwoord bram 1", "inge": "wachtwoord inge 1"}


def fail(message):
    sys.exit(f"workspace e2e: FAILED: {message}")


def run(dossier, args, env, stdin=None):
    result = subprocess.run([dossier] + args, env=env, input=stdin, capture_output=True, text=True)
    if result.returncode not in (0, 1):
        fail(f"dossier {' '.join(args[:2])} exited {result.returncode}: {result.stderr.strip()}")
    return result


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000", "--disable-dev-shm-usage",
                     "--no-proxy-server"):
        options.add_argument(argument)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def login(driver, url, name):
    driver.get(url + "/login")
    driver.find_element(By.NAME, "username").send_keys(name)
    driver.find_element(By.NAME, "password").send_keys(PASSWORDS[name])
    driver.find_element(By.ID, "login").click()
    WebDriverWait(driver, 10).until(expected_conditions.presence_of_element_located((By.ID, "review-next")))


def press(driver, key):
    driver.find_element(By.TAG_NAME, "body").send_keys(key)


def message_says(driver, words, seconds=10):
    """Whether the page's message comes to hold `words`: the page before the key's form post may
    still show its own message for a moment, so the wait is for the words, not the element."""
    def holds(d):
        try:
            return words in d.find_element(By.ID, "message").text
        except Exception:  # not there yet, or the page was replaced while reading it
            return False
    try:
        WebDriverWait(driver, seconds).until(holds)
        return True
    except Exception:
        return False


def first_in_queue(driver, url, kind):
    """The address of the first item of `kind` in the queue `driver` sees, or None."""
    driver.get(url + "/?kind=" + kind)
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "table.queue a[href*='/items/']")]
    return next((link for link in links if link), None)


def not_blank(png):
    image = Image.open(io.BytesIO(png)).convert("L")
    histogram = image.histogram()
    biggest = max(histogram)
    share = biggest / float(image.width * image.height)
    return share < 0.97 and sum(1 for count in histogram if count > 0) > 8


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossier", required=True)
    parser.add_argument("--screenshot")
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="dossier-e2e-")
    server = None
    drivers = []
    try:
        store = os.path.join(work, "store")
        env = dict(os.environ, DOSSIER_CONFIG_HOME=os.path.join(work, "client-sanne"), DOSSIER_STORE=store)
        run(options.dossier, ["users", "add", "sanne", "--role", "supervisor", "--password-stdin"], env, PASSWORDS["sanne"] + "\n")
        run(options.dossier, ["login", "sanne", "--password-stdin"], env, PASSWORDS["sanne"] + "\n")
        for name, role in (("anna", "reviewer"), ("bram", "reviewer"), ("inge", "intake")):
            run(options.dossier, ["users", "add", name, "--role", role, "--password-stdin"], env, PASSWORDS[name] + "\n")
        inge = dict(env, DOSSIER_CONFIG_HOME=os.path.join(work, "client-inge"))
        run(options.dossier, ["login", "inge", "--password-stdin"], inge, PASSWORDS["inge"] + "\n")
        intake = run(options.dossier, ["intake", os.path.join(ROOT, "Samples", "ingebrekestelling.pdf"), "--case", "E2E-1",
                                       "--quiet", "--today", "2026-11-23"], inge)
        if "stored" not in intake.stdout:
            fail(f"intake did not store the sample: {intake.stdout} {intake.stderr}")

        server = subprocess.Popen([options.dossier, "serve", "--listen", "127.0.0.1:0", "--today", "2026-11-23",
                                   "--page-cache", os.path.join(work, "pages"), "--exports", os.path.join(work, "exports")],
                                  env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        url = None
        deadline = time.time() + 30
        while time.time() < deadline and url is None:
            line = server.stdout.readline()
            match = re.search(r"(http://127\.0\.0\.1:\d+)/", line or "")
            url = match.group(1) if match else None
        if url is None:
            fail("dossier serve printed no URL")

        anna = browser()
        drivers.append(anna)
        login(anna, url, "anna")
        keys = 0
        # The most urgent item (the passed deadline) with the keyboard: n, then a.
        press(anna, "n")
        keys += 1
        WebDriverWait(anna, 10).until(expected_conditions.presence_of_element_located((By.ID, "approve")))
        # Drawn over the page (a child of the SVG, after the image), not swallowed by it.
        boxes = anna.find_elements(By.CSS_SELECTOR, "svg.page-svg > rect.evidence-box")
        if not boxes:
            fail("no evidence box drawn on the page image")
        # The page image loads as an image (the content security policy allows images from the server only).
        image_width = anna.execute_async_script(
            "var done = arguments[arguments.length - 1]; var i = document.querySelector('svg.page-svg image');"
            "if (!i) { done(0); return; } var probe = new Image(); probe.onload = function () { done(probe.naturalWidth); };"
            "probe.onerror = function () { done(0); }; probe.src = i.getAttribute('href');")
        if not image_width:
            fail("the page image did not load")
        png = anna.get_screenshot_as_png()
        if options.screenshot:
            os.makedirs(os.path.dirname(os.path.abspath(options.screenshot)), exist_ok=True)
            with open(options.screenshot, "wb") as out:
                out.write(png)
        if not not_blank(png):
            fail("the screenshot of the item page is blank")
        item_url = anna.current_url
        press(anna, "a")
        keys += 1
        WebDriverWait(anna, 10).until(lambda driver: "message=saved" in driver.current_url)
        state = anna.find_element(By.ID, "state").text
        if state != "goedgekeurd":
            fail(f"after 'a' the item is {state!r}, not approved")
        approved_items, approve_keys = 1, keys
        # Two more items, two keys each.
        for _ in range(2):
            press(anna, "n")
            WebDriverWait(anna, 10).until(lambda driver: "message=saved" not in driver.current_url)
            WebDriverWait(anna, 10).until(expected_conditions.presence_of_element_located((By.ID, "approve")))
            press(anna, "a")
            WebDriverWait(anna, 10).until(lambda driver: "message=saved" in driver.current_url)
            approve_keys += 2
            approved_items += 1

        # The letter's summary: anna drops a sentence and rewrites one; she may not approve it.
        summary_url = first_in_queue(anna, url, "summary")
        if summary_url is None:
            fail("no summary in the queue")
        anna.get(summary_url)
        sentences = anna.find_elements(By.CSS_SELECTOR, "#edit-form textarea")
        if len(sentences) < 2:
            fail("the summary edit form has fewer than two sentences")
        sentences[0].clear()
        sentences[0].send_keys("De aanvraag is al lang ontvangen en er is nog niet beslist.")
        anna.find_elements(By.CSS_SELECTOR, "#edit-form input[type=checkbox]")[-1].click()
        anna.find_element(By.CSS_SELECTOR, "#edit-form button[type=submit]").click()
        WebDriverWait(anna, 10).until(lambda driver: "message=saved" in driver.current_url)
        if anna.find_element(By.ID, "state").text != "bewerkt":
            fail("the rewritten summary is not 'edited'")
        press(anna, "a")
        if not message_says(anna, "vier ogen"):
            fail("anna's self-approval was not refused with the four-eyes message")

        bram = browser()
        drivers.append(bram)
        login(bram, url, "bram")
        bram.get(summary_url)
        press(bram, "a")
        WebDriverWait(bram, 10).until(lambda driver: "message=saved" in driver.current_url)
        if bram.find_element(By.ID, "state").text != "bewerkt en goedgekeurd":
            fail("bram's approval of the rewrite did not take")
        history = bram.find_element(By.CSS_SELECTOR, "ol.history").text
        if "anna · edit" not in history or "bram · approve" not in history:
            fail("the history does not name anna's edit and bram's approval")

        # The letter's redaction set: boxes over the page; anna removes a mark and hides a word by
        # text; four-eyes refuses her approval; bram approves.
        redaction_url = first_in_queue(anna, url, "redaction")
        if redaction_url is None:
            fail("no redaction set in the queue")
        anna.get(redaction_url)
        drawn = anna.find_elements(By.CSS_SELECTOR, "svg.page-svg > rect.redaction-box")
        if not drawn:
            fail("no redaction box drawn on the page image")
        marks = anna.find_elements(By.CSS_SELECTOR, "#edit-form fieldset.marks input[type=checkbox]")
        if not marks:
            fail("the redaction form lists no marks")
        marks[0].click()
        anna.find_element(By.ID, "add-text").send_keys("dwangsom")
        anna.find_element(By.CSS_SELECTOR, "#edit-form button[type=submit]").click()
        WebDriverWait(anna, 10).until(lambda driver: "message=saved" in driver.current_url)
        if anna.find_element(By.ID, "state").text != "bewerkt":
            fail("the changed redaction set is not 'edited'")
        listed = anna.find_elements(By.CSS_SELECTOR, "#edit-form fieldset.marks label")
        if len(listed) != len(marks) or not any("dwangsom" in label.text for label in listed):
            fail(f"after removing one mark and adding one the set lists {len(listed)} marks, not {len(marks)} with the new one")
        press(anna, "a")
        if not message_says(anna, "vier ogen"):
            fail("anna's approval of her own redaction change was not refused with the four-eyes message")
        bram.get(redaction_url)
        press(bram, "a")
        WebDriverWait(bram, 10).until(lambda driver: "message=saved" in driver.current_url)
        if bram.find_element(By.ID, "state").text != "bewerkt en goedgekeurd":
            fail("bram's approval of the redaction set did not take")

        # A CSRF-less form post from outside is refused.
        cookie = bram.get_cookie("dossier_session")
        if cookie is None or not cookie.get("httpOnly") or cookie.get("sameSite") != "Strict":
            fail(f"the session cookie is not HttpOnly and SameSite=Strict: {cookie}")
        print(f"workspace e2e: ok — evidence boxes {len(boxes)}, redaction boxes {len(drawn)}, keys per approved item {approve_keys / approved_items:.1f} "
              f"({approved_items} items), screenshot {len(png)} bytes, item {item_url.rsplit('/', 1)[-1]}")
    finally:
        for driver in drivers:
            driver.quit()
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                fail("dossier serve did not stop on SIGTERM")
            if server.returncode not in (0, -15):
                fail(f"dossier serve ended with {server.returncode} on SIGTERM")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
