"""The RDF side: ontology terms (:mod:`.vocab`), Extraction -> quads (:mod:`.build`) and the
embedded persistent store (:mod:`.store`).  Knows nothing of Arabic; imports pyoxigraph, so
``import kg`` never imports this package."""
