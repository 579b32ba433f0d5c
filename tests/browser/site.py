#!/usr/bin/env python3
"""Opens a published site in headless Chromium (selenium + chromedriver) and
checks what a resident sees, then runs axe-core on each page named.

    site.py SITE_DIR AXE_JS --notice TEXT... --absent TEXT... --page PATH...
            --search WORD=PAGE...

`--search WORD=PAGE` types WORD on the search page and expects a result
linking to PAGE (then runs axe-core on the page with its results shown).

The site is served from 127.0.0.1 on a free port. Exit 0 when every check
holds; otherwise each failure is printed and the exit code is 1.
"""

import argparse
import functools
import http.server
import json
import sys
import threading
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(QuietHandler, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def browser():
    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def axe_violations(driver, axe, page):
    driver.execute_script(axe)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: %s}})"
        ".then(r => done(r.violations.map(v => ({id: v.id, help: v.help,"
        " nodes: v.nodes.map(n => n.target.join(' '))}))));" % json.dumps(WCAG_21_AA)
    )
    return [f"{page}: axe {v['id']}: {v['help']} at {v['nodes']}" for v in result]


def search(driver, base, word, expected):
    """Types `word` into the search page's field, as a resident would, and
    returns the failures: no result linking to `expected`."""
    driver.get(base + "sok.html")
    field = WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.CSS_SELECTOR, "#sok input[type=text], #sok input[type=search]")
    )[0]
    field.send_keys(word)

    def links(d):
        found = d.find_elements(By.CSS_SELECTOR, "#sok .pagefind-ui__result-link")
        return found or False

    try:
        found = WebDriverWait(driver, 10).until(links)
    except Exception:
        return [f"search {word!r}: no result at all"]
    hrefs = [link.get_attribute("href") for link in found]
    if not any(expected in href for href in hrefs):
        return [f"search {word!r}: no result links to {expected}; results: {hrefs}"]
    # The result's page is served.
    target = next(href for href in hrefs if expected in href)
    with urllib.request.urlopen(target.split("#")[0]) as response:
        if response.status != 200:
            return [f"search {word!r}: {target} is not served"]
    return []


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("site")
    parser.add_argument("axe")
    parser.add_argument("--notice", action="append", default=[])
    parser.add_argument("--absent", action="append", default=[])
    parser.add_argument("--page", action="append", default=[])
    parser.add_argument("--search", action="append", default=[])
    args = parser.parse_args()
    axe = open(args.axe, encoding="utf-8").read()
    server, base = serve(args.site)
    failures = []
    driver = browser()
    try:
        driver.get(base + "anslagstavla/index.html")
        articles = driver.find_elements(By.CSS_SELECTOR, "main article")
        headings = [a.find_element(By.TAG_NAME, "h3").text for a in articles]
        notices = [h for h in headings if " – " in h]
        for expected in args.notice:
            if not any(expected in h for h in notices):
                failures.append(f"notice {expected!r} not shown; shown: {notices}")
        if len(notices) != len(args.notice):
            failures.append(f"{len(notices)} notices shown, {len(args.notice)} expected: {notices}")
        body = driver.find_element(By.TAG_NAME, "body").text
        for text in args.absent:
            if text in body:
                failures.append(f"{text!r} is on the anslagstavla")
        if driver.find_element(By.TAG_NAME, "html").get_attribute("lang") != "sv":
            failures.append("the page is not lang=sv")
        # Follow each PDF link: the file is served, and is a PDF.
        for link in driver.find_elements(By.CSS_SELECTOR, "main a[href$='.pdf']"):
            href = link.get_attribute("href")
            with urllib.request.urlopen(href) as response:
                if response.status != 200 or response.read(5) != b"%PDF-":
                    failures.append(f"{href} is not a PDF")
        # Keyboard: the first Tab reaches the skip link.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        focused = driver.switch_to.active_element
        if "hoppa" not in (focused.get_attribute("class") or ""):
            failures.append("the first Tab does not reach the skip link")

        for page in args.page:
            driver.get(base + page)
            # A missing page is the server's error page: nothing to pass.
            if not driver.find_elements(By.CSS_SELECTOR, "main h1"):
                failures.append(f"{page}: no page with a main heading")
                continue
            failures += axe_violations(driver, axe, page)

        for query in args.search:
            word, expected = query.split("=", 1)
            failed = search(driver, base, word, expected)
            failures += failed
            if not failed:
                failures += axe_violations(driver, axe, f"sok.html with results for {word!r}")
    finally:
        driver.quit()
        server.shutdown()
    for failure in failures:
        print(failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
