"""Language work with no Django in it: sentences, entities, keyphrases, the FAQ
writer and its grounding check, topics, summaries, the section model and the
related-stories ranking. Nothing here imports Django or a Broadsheet app."""
