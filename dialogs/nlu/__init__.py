"""Natural-language understanding for Jiuye: normalisation, intents, entities and field parsers."""

from dialogs.nlu.model import warm_up
from dialogs.nlu.types import INTENTS, Entities, IdInfo, Place, Understanding
from dialogs.nlu.understand import (
    id_number_info,
    id_number_problem,
    normalize,
    parse_amount,
    parse_employer,
    parse_id_number,
    parse_month,
    parse_phone,
    parse_salary,
    parse_yes_no,
    place_by_code,
    place_path,
    resolve_place,
    understand,
)

__all__ = [
    "INTENTS",
    "Entities",
    "IdInfo",
    "Place",
    "Understanding",
    "id_number_info",
    "id_number_problem",
    "normalize",
    "parse_amount",
    "parse_employer",
    "parse_id_number",
    "parse_month",
    "parse_phone",
    "parse_salary",
    "parse_yes_no",
    "place_by_code",
    "place_path",
    "resolve_place",
    "understand",
    "warm_up",
]
