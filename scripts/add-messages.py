#!/usr/bin/env python3
"""Adds or replaces messages in locales/{kk,ru,en}.json from a Python dict file: KEY: (kk, ru, en).
Usage: scripts/add-messages.py messages.py — a maintenance helper; the JSON files are the source of truth."""
import json, runpy, sys
new = runpy.run_path(sys.argv[1])['M']
for i, lang in enumerate(['kk', 'ru', 'en']):
    path = f'locales/{lang}.json'
    data = json.load(open(path, encoding='utf-8'))
    for key, texts in new.items():
        data[key] = texts[i]
    with open(path, 'w', encoding='utf-8') as f:
        json.dump(dict(sorted(data.items())), f, ensure_ascii=False, indent=2)
        f.write('\n')
