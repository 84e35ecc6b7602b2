DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = "j M Y"  # one date format on English pages
DATETIME_FORMAT = "j M Y H:i"
SHORT_DATETIME_FORMAT = "j M Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]  # one input style in both languages: dd/mm/yyyy
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
