"""kg: Arabic news to a knowledge graph.

Importing ``kg`` is cheap: the heavy parts (NER model, RDF store, pyvis, the server, and
camel-tools' torch-based modules) load only when used.
"""

__version__ = "0.1.0"


def __getattr__(name):  # lazy façade so that ``import kg`` stays fast
    if name == "KnowledgeGraph":
        from .api import KnowledgeGraph

        return KnowledgeGraph
    if name in ("Pipeline", "extract"):
        from . import pipeline

        return getattr(pipeline, name)
    if name in ("Document", "Extraction", "Entity", "Event", "Mention", "Span", "Sentence"):
        from . import model

        return getattr(model, name)
    if name == "Config":
        from .config import Config

        return Config
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["__version__", "KnowledgeGraph", "Pipeline", "extract", "Document", "Extraction", "Config"]
