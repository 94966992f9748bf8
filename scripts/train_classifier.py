"""Learn the letter-type classifier's weights from labelled synthetic letters → models/classifier.json.

The features are the cues of ``cpam_reader.letter.classify`` (phrase families, matched fuzzily, plus what the number
finder saw); only their weights are learned, by a multinomial logistic regression. Letters get OCR-like noise
(accents dropped, characters confused) before their cues are read, as real scans would.

The accuracy written beside the weights is measured on wordings the model never saw: each wording of every
type is held out in turn (leave-one-wording-out), which is what "a letter written by other hands" looks like.

    python scripts/train_classifier.py [--letters-per-type 160] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synth_letters
from cpam_reader.base.text import lines_from_text
from cpam_reader.letter.classify import FEATURES, cue_hits
from cpam_reader.number.finder import find_numbers
from cpam_reader.number.status import tie_status

CLASSES = synth_letters.LETTER_TYPES
OUT = Path(__file__).resolve().parents[1] / "models" / "classifier.json"
CONFUSIONS = {"e": "c", "i": "l", "l": "1", "o": "0", "rn": "m", "m": "rn", "s": "5", "é": "e", "è": "e", "à": "a"}


def ocr_noise(text: str, rng: random.Random, rate: float) -> str:
    """Drop accents and confuse characters the way Tesseract does on a poor scan."""
    out = []
    for ch in text:
        if ch in CONFUSIONS and rng.random() < rate:
            out.append(CONFUSIONS[ch])
        elif ch.isalpha() and rng.random() < rate / 4:
            continue
        else:
            out.append(ch)
    return "".join(out)


def featurise(text: str) -> np.ndarray:
    lines = lines_from_text(text, 1)
    candidates, _ = tie_status(find_numbers(lines), lines)
    hits = cue_hits(text, candidates)
    return np.array([1.0 if f in hits else 0.0 for f in FEATURES])


def fit(
    x: np.ndarray, y: np.ndarray, l2: float = 0.003, steps: int = 4000, rate: float = 0.5
) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression by gradient descent (features are few and binary)."""
    n, f = x.shape
    k = len(CLASSES)
    w, b = np.zeros((f, k)), np.zeros(k)
    onehot = np.eye(k)[y]
    for _ in range(steps):
        logits = x @ w + b
        p = np.exp(logits - logits.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) / n
        w -= rate * (x.T @ grad + l2 * w)
        b -= rate * grad.sum(axis=0)
    return w, b


def predict(x: np.ndarray, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.argmax(x @ w + b, axis=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters-per-type", type=int, default=160)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows, labels, wordings = [], [], []
    for label, kind in enumerate(CLASSES):
        for n in range(args.letters_per_type):
            letter = synth_letters.make_letter(rng, kind, letter_id=f"train-{kind}-{n}")
            text = ocr_noise(letter.text(), rng, rate=rng.choice((0.0, 0.02, 0.05, 0.1)))
            rows.append(featurise(text))
            labels.append(label)
            wordings.append(letter.wording)
    x, y = np.array(rows), np.array(labels)
    # Leave-one-wording-out: fold k holds out the k-th wording of every type.
    by_type: dict[int, list[str]] = {}
    for label, wording in zip(labels, wordings, strict=True):
        by_type.setdefault(label, [])
        if wording not in by_type[label]:
            by_type[label].append(wording)
    folds = max(len(v) for v in by_type.values())
    correct = total = 0
    per_class = {kind: [0, 0] for kind in CLASSES}
    confusions: dict[str, int] = {}
    for k in range(folds):
        held = {ws[k] for ws in by_type.values() if k < len(ws)}
        test = np.array([w in held for w in wordings])
        w, b = fit(x[~test], y[~test])
        guess = predict(x[test], w, b)
        held_wordings = [w for w, t in zip(wordings, test, strict=True) if t]
        for truth, g, wording in zip(y[test], guess, held_wordings, strict=True):
            per_class[CLASSES[truth]][0] += int(truth == g)
            per_class[CLASSES[truth]][1] += 1
            if truth != g:
                key = f"{wording} -> {CLASSES[g]}"
                confusions[key] = confusions.get(key, 0) + 1
        correct += int((guess == y[test]).sum())
        total += int(test.sum())
    w, b = fit(x, y)
    model = {
        "about": "Letter-type classifier of cpam-reader: weights of the cues in cpam_reader.letter.classify. "
        "Built by scripts/train_classifier.py; do not edit by hand.",
        "training": {
            "letters": len(labels),
            "seed": args.seed,
            "wordings": {CLASSES[t]: sorted(v) for t, v in by_type.items()},
        },
        "heldout": {
            "method": "leave-one-wording-out over the synthetic wordings, OCR-like noise applied",
            "accuracy": round(correct / total, 4),
            "per_class_accuracy": {c: round(v[0] / v[1], 4) for c, v in per_class.items() if v[1]},
            "letters": total,
            "confusions": dict(sorted(confusions.items(), key=lambda kv: -kv[1])),
        },
        "features": list(FEATURES),
        "bias": {c: round(float(b[i]), 4) for i, c in enumerate(CLASSES)},
        "weights": {
            c: {f: round(float(w[j, i]), 4) for j, f in enumerate(FEATURES) if abs(w[j, i]) >= 1e-4}
            for i, c in enumerate(CLASSES)
        },
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(model, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"held-out accuracy (leave-one-wording-out): {correct / total:.3f} on {total} letters")
    for c, v in per_class.items():
        print(f"  {c:20s} {v[0] / max(v[1], 1):.3f}")
    for key, count in sorted(confusions.items(), key=lambda kv: -kv[1]):
        print(f"  held out {key}: {count}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
