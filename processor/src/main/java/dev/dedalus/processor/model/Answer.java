package dev.dedalus.processor.model;

import dev.dedalus.processor.diag.Site;

/**
 * What {@code @Answered} says of an input: which output answers it, on which key, and when an
 * unanswered call is sent again. The reader fills it in as written; the checker then makes sure the
 * output and the key exist, so the code generator can rely on both.
 *
 * @param by the name of the {@code @Output} relation that answers the input
 * @param key the attribute, in both records, that matches an answer to its call
 * @param resendAfterMillis how long a call waits for its answer before it is sent again; at least 1
 * @param bySite where {@code by} is written, for errors about the output
 * @param keySite where {@code key} is written, for errors about the key
 */
public record Answer(String by, String key, long resendAfterMillis, Site bySite, Site keySite) {}
