"""The work list's rows rendered in Python give the HTML the template's loop gave (whatever
the values: empty, hostile, every visit outcome, assigned or not)."""

from __future__ import annotations

import re

from django.template import Context, Template
from hypothesis import given, settings
from hypothesis import strategies as st

from cakupan.people import WorklistPerson
from cakupan_web.worklists.models import OUTCOMES, Visit

# The loop as the template had it (cakupan_web/templates/worklists/list.html before the tag).
LOOP = """{% load cakupan_format %}{% for p in page.rows %}
      <tr data-desa="{{ p.desa_code|default:'' }}" data-partner="{{ p.partner|default:'' }}">{% if officers %}<td><input type="checkbox" name="person" value="{{ p.person_key }}" aria-label="{{ p.person_key }}"></td>{% endif %}<td class="nik">{{ p.nik|default:"–" }}</td><td>{{ p.name|default:"–" }}</td><td>{{ p.sex|default:"" }}</td><td>{{ p.birth_date|default:"" }}</td><td>{{ p.rt|default:"" }}/{{ p.rw|default:"" }}</td><td>{{ p.desa_code|default:"" }}</td><td>{{ p.occupation|default:"" }}</td><td>{{ p.segment|default:"" }} {{ p.partner|default:"" }}</td><td>{{ p.lapsed_kpj|default:"" }}</td><td>{% with v=visits|get_item:p.person_key %}{% if v %}<span class="tag" data-outcome="{{ v.outcome }}">{{ v.get_outcome_display }}</span>{% if v.outcome == "registered" %} <span class="small">{{ pending_label }}</span>{% endif %} {% endif %}{% if may_record %}<a href="{{ visit_prefix }}{{ p.person_key }}/">{{ record_label }}</a>{% endif %}{% endwith %}{% with officer=assigned|get_item:p.person_key %}{% if officer %} <span class="small" data-assigned="{{ officer }}">→ {{ officer }}</span>{% endif %}{% endwith %}</td></tr>
    {% endfor %}"""  # noqa: E501
TAG = """{% load worklist_rows %}{% worklist_rows page.rows visits assigned officers=officers may_record=may_record visit_prefix=visit_prefix record_label=record_label pending_label=pending_label %}"""  # noqa: E501

text = st.one_of(
    st.none(), st.just(""), st.text(max_size=12), st.sampled_from(['<b>"x"</b>', "R&D", "O'Neil"])
)
person = st.builds(
    WorklistPerson, person_key=st.text(min_size=1, max_size=8), nik=text, name=text, sex=text,
    birth_date=text, rt=text, rw=text, desa_code=text, kecamatan_code=text, occupation=text,
    segment=text, partner=text, detail=text, lapsed_kpj=text,
)  # fmt: skip


def _tags(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(person, max_size=6),
    outcomes=st.lists(st.sampled_from([o for o, _ in OUTCOMES]), max_size=6),
    officers=st.booleans(),
    may_record=st.booleans(),
    officer=st.one_of(st.none(), st.sampled_from(["siti", "<i>budi</i>"])),
)
def test_the_rows_are_the_template_s(rows, outcomes, officers, may_record, officer):
    visits = {p.person_key: Visit(outcome=o) for p, o in zip(rows, outcomes, strict=False)}
    assigned = {p.person_key: officer for p in rows[::2]} if officer else {}
    context = {
        "page": {"rows": rows}, "visits": visits, "assigned": assigned,
        "officers": ["x"] if officers else [], "may_record": may_record,
        "visit_prefix": "/worklists/visit/", "record_label": "Catat", "pending_label": "<menunggu>",
    }  # fmt: skip
    old = Template(LOOP).render(Context(context))
    new = Template(TAG).render(Context(context))
    assert _tags(new) == _tags(old)
