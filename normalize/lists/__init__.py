"""Entity lists for screeners: list documents (PDF, Excel, CSV) → checked editions → entities
with stable ids, versioned release by release. See docs/lists.md.

    lists.yml       the lists: documents, parser, measure, count bounds (specs.py reads it)
    meti_entities   METI specified-entity lists (PDF)      meti_eul  METI End User List (PDF)
    mof             MOF asset-freeze list (CSV + Excel)     documents  parser dispatch
    guard           count guards                            ids        stable entity ids
    versions        the release hook: versions, diffs, lists_changes.json
"""
