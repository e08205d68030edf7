/*
** word_classes.h -- the classes of the rules' words: the subtypes of the
** lexicon's kind `word`. The one list that the rules' enum (ann.h), their
** names (words.c), the lexicon generator's check of words.tsv and `kiji
** dict lint` (kiji.core.word_classes) are made from, in order: the enum
** name's tail and the class's name for each. A new class is one line here
** and its words in plugin/lexicon/words.tsv.
*/
#ifndef KIJI_WORD_CLASSES_H
#define KIJI_WORD_CLASSES_H

#define KIJI_WORD_CLASSES(X)                \
  X(DETERMINER, "determiner")               \
  X(THE, "the")                             \
  X(PRONOUN, "pronoun")                     \
  X(BE, "be")                               \
  X(COPULA, "copula")                       \
  X(HEDGE, "hedge")                         \
  X(NEGATOR, "negator")                     \
  X(ADVERB, "adverb")                       \
  X(OBJECT_PREP, "object_prep")             \
  X(BY, "by")                               \
  X(IN, "in")                               \
  X(PLACE_PREP, "place_prep")               \
  X(OF_BODY, "of_body")                     \
  X(THAT, "that")                           \
  X(CUE_OBJECT, "cue_object")               \
  X(CLAIM_OPENER, "claim_opener")           \
  X(TOLD, "told")                           \
  X(TO, "to")                               \
  X(WITH, "with")                           \
  X(SPEAK_VERB, "speak_verb")               \
  X(INTERVIEW, "interview")                 \
  X(CLAUSE_LINK, "clause_link")             \
  X(AFTER_SUBJECT, "after_subject")         \
  X(NOT_NAME, "not_name")                   \
  X(OUTLET_STOP, "outlet_stop")             \
  X(CLAIM_OBJECT, "claim_object")           \
  X(NOUN_BEFORE, "noun_before")             \
  X(REPORT_NOUN, "report_noun")             \
  X(REPORT_PLURAL, "report_plural")         \
  X(BEFORE_VERB, "before_verb")             \
  X(SINGULAR_SUBJECT, "singular_subject")   \
  X(ORG_ROLE, "org_role")                   \
  X(TOPIC_PARTICLE, "topic_particle")       \
  X(SUBJECT_PARTICLE, "subject_particle")   \
  X(QUOTE_PARTICLE, "quote_particle")       \
  X(OBJECT_PARTICLE, "object_particle")     \
  X(GENITIVE_PARTICLE, "genitive_particle") \
  X(DATIVE_PARTICLE, "dative_particle")     \
  X(PREDICATE_END, "predicate_end")         \
  X(NAME_SUFFIX, "name_suffix")             \
  X(SIDE_SUFFIX, "side_suffix")             \
  X(PAPER_SUFFIX, "paper_suffix")           \
  X(DEICTIC, "deictic")                     \
  X(FORMER, "former")                       \
  X(SUPPOSITION, "supposition")             \
  X(REPORTED_THING, "reported_thing")       \
  X(DEFINITE, "definite")                   \
  X(MEDIA_NOUN, "media_noun")               \
  X(OUTLET_ANAPHOR, "outlet_anaphor")       \
  X(REPORT_VERB_JA, "report_verb_ja")       \
  X(AND, "and")                             \
  X(PERSON_PRONOUN, "person_pronoun")       \
  X(BODY_PRONOUN, "body_pronoun")           \
  X(ANAPHOR_JA, "anaphor_ja")               \
  X(PERSON_ANAPHOR_JA, "person_anaphor_ja") \
  X(INTENSIFIER, "intensifier")             \
  X(ARTICLE, "article")                     \
  X(CREDIT_OUTLET, "credit_outlet")         \
  X(EXPLETIVE, "expletive")                 \
  X(PARTY_NOUN, "party_noun")               \
  X(OF, "of")                               \
  X(AUXILIARY, "auxiliary")                 \
  X(NOUN_MARKER, "noun_marker")             \
  X(FUNCTION_WORD, "function_word")         \
  X(NORM_NOUN, "norm_noun")                 \
  X(BODY_HEAD, "body_head")                 \
  X(STATE_HEAD, "state_head")               \
  X(LEADER_HEAD, "leader_head")             \
  X(BODY_SUFFIX_JA, "body_suffix_ja")       \
  X(GOV_ELEMENT_JA, "gov_element_ja")       \
  X(NO_NAME, "no_name")                     \
  X(QUOTE_VERB_JA, "quote_verb_ja")         \
  X(YEAR_UNIT, "year_unit")                 \
  X(MONTH_UNIT, "month_unit")               \
  X(DAY_UNIT, "day_unit")                   \
  X(NOT_DATE_AFTER, "not_date_after")

#endif
