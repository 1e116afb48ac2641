"""PDF/UA-1 (ISO 14289-1) check of PDFs with page-validation (PyPI), the
Python wrapper of the `page` checker: its machine-checkable PDF/UA rules
(tagging, structure, alt text present, languages, metadata, fonts, links).
It cannot judge what needs a person: whether alt text says the right thing,
whether the reading order makes sense, colour contrast.

    python pdfua.py [--report-only] FILE.pdf ...

Prints each file's result and failed rules; exits 1 if any file fails,
unless --report-only.
"""

import sys

import page


def main(args):
    report_only = "--report-only" in args
    files = [a for a in args if a != "--report-only"]
    if not files:
        print("pdfua.py: no PDF given", file=sys.stderr)
        return 2
    failed = []
    for name in files:
        try:
            report = page.validate_pdf(name, profile=page.ValidationProfile.PDF_UA_1)
        except page.PageError as e:
            print(f"{name}: could not be checked: {type(e).__name__}: {e}")
            failed.append(name)
            continue
        rules = report.rules
        if report.is_compliant:
            print(f"{name}: PDF/UA-1 conformant ({rules.passed} of {rules.total} rules)")
            continue
        failed.append(name)
        print(
            f"{name}: NOT PDF/UA-1 conformant: {rules.failed} of {rules.total} rules failed, "
            f"{report.checks.failed} checks"
        )
        by_rule = {}
        for f in report.failures:
            by_rule.setdefault(f.rule_id, []).append(f.message)
        for rule, messages in sorted(by_rule.items()):
            print(f"  {rule} ({len(messages)}x): {messages[0]}")
    print(
        f"page-validation {page.__version__}, PDF/UA-1: {len(files) - len(failed)} of {len(files)} PDFs conformant"
        + (" (report only: not failing CI)" if report_only and failed else "")
    )
    return 0 if report_only or not failed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
