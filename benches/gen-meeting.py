#!/usr/bin/env python3
"""Write a synthetic, valid (see FORMAT.md) meeting for benchmarking protokoll.

    benches/gen-meeting.py DIR                      # 1 meeting, 100 §§
    benches/gen-meeting.py DIR --paragraphs 250
    benches/gen-meeting.py DIR --meetings 20        # 20 meetings of 100 §§, same year

writes

    DIR/meetings/bench/organ.yaml
    DIR/meetings/bench/2025/2025-03-14.yaml          (the single meeting)

With --meetings M > 1 the meetings fall on M consecutive Fridays from
2025-01-10 (2025-03-14 is the tenth), and each one continues the § numbering of
the one before (no `första_paragraf`). Past 50 meetings the next 50 go to the
next year (2026/, from its second Friday), and so on: 1,000 meetings span
2025–2044. The output depends only on the
arguments and --seed: the same call writes the same bytes. Stdlib only.
"""

import argparse
import datetime as dt
import json
import os
import random

BESLUTANDE = [
    ("Maria Lindqvist", "S", "Östersunds kommun", "Ordförande"),
    ("Per Åkesson", "M", "Krokoms kommun", "Vice ordförande"),
    ("Sofia Berglund", "C", "Bergs kommun", "Andre vice ordförande"),
    ("Johan Öberg", "S", "Bräcke kommun", None),
    ("Karin Sjöström", "V", "Härjedalens kommun", None),
    ("Anders Nyström", "KD", "Ragunda kommun", None),
    ("Eva Holmgren", "L", "Strömsunds kommun", None),
    ("Lars Hedlund", "SD", "Åre kommun", None),
    ("Anna Wikström", "MP", "Östersunds kommun", None),
    ("Erik Forsberg", "M", "Östersunds kommun", None),
    ("Ingrid Lundgren", "C", "Krokoms kommun", None),
    ("Mats Söderberg", "S", "Bergs kommun", None),
]

TJANSTEPERSONER = [
    ("Helena Ekström", "Kansliet, nämndsekreterare"),
    ("Olof Bergman", "Förvaltningschef"),
    ("Cecilia Dahl", "Ekonomichef"),
    ("Fredrik Håkansson", "Utvecklingsledare, Regional utveckling"),
]

OVRIGA = [("Lena Strand", "Revisionen")]
FRANVARANDE = [("Björn Ek", "Ragunda kommun")]

SUBJECTS = [
    "Budget", "Verksamhetsplan", "Delårsrapport", "Internkontrollplan",
    "Yttrande över remiss", "Samverkansavtal", "Taxa", "Riktlinjer",
    "Uppföljning", "Medborgarförslag", "Motion", "Återrapportering",
    "Upphandling", "Lokalförsörjningsplan", "Handlingsplan",
]
TOPICS = [
    "hemtjänst", "barn och unga", "familjehemsvård", "missbruksvård",
    "äldreomsorg", "digital välfärd", "kompetensförsörjning",
    "våld i nära relationer", "bostad först", "försörjningsstöd",
    "LSS-verksamhet", "skolhälsovård",
]
WORDS = (
    "nämnden förvaltningen ärendet beslutet verksamheten uppdraget kommunen "
    "regionen samverkan underlaget uppföljningen kostnaden resultatet målet "
    "insatsen utredningen planen riktlinjen avtalet perioden budgeten "
    "redovisar föreslår bedömer konstaterar beskriver omfattar innebär "
    "säkerställer förtydligar prioriterar utvecklar genomför följer stärker "
    "tydligt samlat särskilt fortsatt långsiktigt gemensamt övergripande "
    "och att för med som inom under efter enligt samt även också "
).split()
DEPARTMENTS = [
    "Kommunstyrelsen", "Socialnämnden", "Ekonomienheten", "Förvaltningschef",
    "Verksamhetschef Vård och omsorg", "Områdeschef Välfärd", "Revisionen",
    "Regional utveckling", "Kansliet",
]


def q(s):
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def block(s, indent):
    """A YAML literal block scalar body, each line indented."""
    pad = " " * indent
    return "\n".join(pad + line if line else "" for line in s.rstrip("\n").split("\n"))


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)

    def sentence(self, lo=8, hi=18):
        words = [self.r.choice(WORDS) for _ in range(self.r.randint(lo, hi))]
        s = " ".join(words)
        return s[0].upper() + s[1:] + "."

    def paragraph(self, lo=3, hi=6):
        sents = [self.sentence() for _ in range(self.r.randint(lo, hi))]
        # Inline Markdown: emphasis, strong, sometimes a link or a literal.
        i = self.r.randrange(len(sents))
        w = sents[i].split(" ")
        if len(w) > 4:
            w[2] = f"*{w[2]}*"
            w[-2] = f"**{w[-2]}**"
        sents[i] = " ".join(w)
        if self.r.random() < 0.5:
            sents.append(
                "Underlaget finns på "
                "[regionens webbplats](https://www.example.se/namnd/handlingar)."
            )
        if self.r.random() < 0.3:
            sents.append(f"Kostnadsökningen är {self.r.randint(2, 40)}% jämfört med föregående år.")
        return " ".join(sents)

    def text(self):
        parts = [self.paragraph()]
        if self.r.random() < 0.7:
            items = [self.sentence(4, 9) for _ in range(self.r.randint(3, 5))]
            bullet = "-" if self.r.random() < 0.6 else "1."
            parts.append("\n".join(f"{bullet} {it}" for it in items))
        for _ in range(self.r.randint(1, 3)):
            parts.append(self.paragraph())
        return "\n\n".join(parts)

    def paragraph_yaml(self, n, date):
        r = self.r
        subject = r.choice(SUBJECTS)
        topic = r.choice(TOPICS)
        lines = [f"  - rubrik: {q(f'{subject} {topic} {date.year}')}"]
        lines.append(f"    diarienummer: {q(f'SN/{r.randint(1, 999)}/{date.year}')}")
        presenter = r.choice(TJANSTEPERSONER)[0]
        lines.append(f"    föredragande: {q(presenter)}")
        lines.append("    text: |")
        lines.append(block(self.text(), 6))
        lines.append("    beslutsunderlag:")
        for k in range(r.randint(1, 3)):
            d = date - dt.timedelta(days=r.randint(5, 40))
            kind = r.choice(["Tjänsteskrivelse", "Missiv", "Bilaga", "Protokollsutdrag"])
            lines.append(f"      - {q(f'{kind} {d.isoformat()}')}")
        lines.append("    förslag_till_beslut: |")
        lines.append(block(
            f"Nämnden föreslås besluta att\n\n"
            f"1. godkänna {subject.lower()} för {topic},\n"
            f"2. {self.sentence(5, 10)[:-1].lower()}.", 6))
        voting = n % 10 == 0
        if voting or r.random() < 0.4:
            lines.append("    yrkanden:")
            proposer = BESLUTANDE[r.randrange(12)]
            lines.append(f"      - av: {q(f'{proposer[0]} ({proposer[1]})')}")
            lines.append(f"        yrkande: {q('bifall till förslaget')}")
            if voting or r.random() < 0.5:
                other = BESLUTANDE[(BESLUTANDE.index(proposer) + r.randint(1, 11)) % 12]
                lines.append(f"      - av: {q(f'{other[0]} ({other[1]})')}")
                lines.append(f"        yrkande: {q(r.choice(['avslag', 'återremiss', 'bifall med tillägg']))}")
        if voting:
            names = [p[0] for p in BESLUTANDE]
            r.shuffle(names)
            n_no = r.randint(2, 5)
            n_abst = r.randint(0, 1)
            yes, no, abst = names[: 12 - n_no - n_abst], names[12 - n_no - n_abst: 12 - n_abst], names[12 - n_abst:]
            lines.append("    omröstning:")
            lines.append(f"      proposition: {q('Ja för bifall, nej för avslag')}")
            lines.append(f"      ja: [{', '.join(q(x) for x in yes)}]")
            lines.append(f"      nej: [{', '.join(q(x) for x in no)}]")
            lines.append(f"      avstår: [{', '.join(q(x) for x in abst)}]")
        lines.append("    beslut:")
        for k in range(r.randint(1, 3)):
            lines.append(f"      - {q(f'Nämnden *beslutar* att {self.sentence(5, 12)[:-1].lower()}.')}")
        if voting:
            lines.append("    reservationer:")
            lines.append(f"      - namn: {q(no[0])}")
            lines.append(f"        motivering: {q('till förmån för eget yrkande')}")
        lines.append(f"    utdrag_till: [{', '.join(q(x) for x in r.sample(DEPARTMENTS, r.randint(1, 3)))}]")
        return "\n".join(lines)

    def meeting_yaml(self, date, paragraphs, first):
        justering = date + dt.timedelta(days=4)  # Friday -> Tuesday
        anslag = justering + dt.timedelta(days=1)
        out = [
            "# Synthetic meeting written by benches/gen-meeting.py (do not edit).",
            f"datum: {date.isoformat()}",
            f"tid: {q('09:00–16:30')}",
            f"plats: {q('Sammanträdesrum Storsjön, Rådhuset')}",
        ]
        if first is not None:
            out.append(f"första_paragraf: {first}")
        out.append("beslutande:")
        for name, parti, org, uppdrag in BESLUTANDE:
            out.append(f"  - namn: {q(name)}")
            out.append(f"    parti: {parti}")
            out.append(f"    organisation: {q(org)}")
            if uppdrag:
                out.append(f"    uppdrag: {q(uppdrag)}")
        out.append("ersättare: []")
        out.append("tjänstepersoner:")
        for name, org in TJANSTEPERSONER:
            out.append(f"  - namn: {q(name)}\n    organisation: {q(org)}")
        out.append("övriga_deltagare:")
        for name, org in OVRIGA:
            out.append(f"  - namn: {q(name)}\n    organisation: {q(org)}")
        out.append("frånvarande:")
        for name, org in FRANVARANDE:
            out.append(f"  - namn: {q(name)}\n    organisation: {q(org)}")
        out += [
            f"ordförande: {q(BESLUTANDE[0][0])}",
            f"sekreterare: {q(TJANSTEPERSONER[0][0])}",
            f"justerare: [{q(BESLUTANDE[3][0])}, {q(BESLUTANDE[1][0])}]",
            "justering:",
            f"  datum: {justering.isoformat()}",
            f"  plats: {q('Kansliet')}",
            "  sätt: digitalt",
            "anslag:",
            f"  uppsatt: {anslag.isoformat()}",
            "paragrafer:",
        ]
        for n in range(1, paragraphs + 1):
            out.append(self.paragraph_yaml(n, date))
        return "\n".join(out) + "\n"


ORGAN = """\
# Synthetic organ written by benches/gen-meeting.py (do not edit).
namn: Välfärdsnämnden (benchmark)
kortnamn: VFN
huvudman: Exempelregionen
beslutsrubrik: Välfärdsnämndens beslut
förvaringsplats: Kansliet, Exempelregionen
ledamöter_antal: 12
"""


# Meetings per year when there are more than fit in one: 50 Fridays from the
# second week of January, then the next year.
PER_YEAR = 50


def fridays_from(year):
    """The PER_YEAR Fridays of `year` from the first on or after 8 January."""
    start = dt.date(year, 1, 8)
    start += dt.timedelta(days=(4 - start.weekday()) % 7)
    return [start + dt.timedelta(weeks=i) for i in range(PER_YEAR)]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dir", help="folder to write meetings/bench/ into")
    ap.add_argument("--paragraphs", "-n", type=int, default=100, help="§§ per meeting (100)")
    ap.add_argument("--meetings", "-m", type=int, default=1, help="number of meetings (1)")
    ap.add_argument("--seed", type=int, default=20250314)
    args = ap.parse_args()

    organ_dir = os.path.join(args.dir, "meetings", "bench")
    os.makedirs(organ_dir, exist_ok=True)
    with open(os.path.join(organ_dir, "organ.yaml"), "w", encoding="utf-8") as f:
        f.write(ORGAN)
    if args.meetings == 1:
        dates = [dt.date(2025, 3, 14)]
    else:
        dates = [fridays_from(2025 + i // PER_YEAR)[i % PER_YEAR] for i in range(args.meetings)]
    for i, date in enumerate(dates):
        gen = Gen(args.seed + i)
        first = 1 if args.meetings == 1 else None
        year_dir = os.path.join(organ_dir, str(date.year))
        os.makedirs(year_dir, exist_ok=True)
        path = os.path.join(year_dir, f"{date.isoformat()}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(gen.meeting_yaml(date, args.paragraphs, first))
        print(path)


if __name__ == "__main__":
    main()
