"""The row labels of the child death tables, as published."""

AGE_BANDS = (
    "Under 28 days",
    "28 days to under 1 year",
    "1 to 4 years",
    "5 to 9 years",
    "10 to 14 years",
    "15 to 17 years",
)
SEXES = ("Female", "Male", "Indeterminate", "Not known")
ETHNIC_GROUPS = (
    "White",
    "Mixed or multiple ethnic groups",
    "Asian or Asian British",
    "Black, Black British, Caribbean or African",
    "Other ethnic group",
    "Not stated or not known",
)
QUINTILES = (
    "Quintile 1 (most deprived)",
    "Quintile 2",
    "Quintile 3",
    "Quintile 4",
    "Quintile 5 (least deprived)",
    "Not known",
)
DOMAINS = (
    "Factors intrinsic to the child",
    "Social environment, including family and parenting capacity",
    "Physical environment",
    "Service provision",
)
