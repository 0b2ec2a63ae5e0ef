package dev.dedalus.processor.diag;

/**
 * The stable identifiers of every diagnostic the processor reports. The bracketed form, for
 * example {@code [DedalusUnknownRelation]}, starts every message, so users can search for it and
 * tools can match on it. Never rename a constant: the names are part of the public contract.
 */
public enum DiagnosticId {
  // declarations
  DedalusNotTopLevel,
  DedalusUnsupportedType,
  DedalusConflictingKinds,
  DedalusBadTimer,
  DedalusDuplicateRule,
  DedalusNoRoles,
  DedalusUnknownRole,
  DedalusBadConfig,
  // syntax
  DedalusSyntax,
  // names, arity and types
  DedalusUnknownRelation,
  DedalusArity,
  DedalusTypeMismatch,
  DedalusUnknownFunction,
  DedalusFunctionArity,
  DedalusBadFunction,
  DedalusUppercaseVariable,
  // range restriction and misplaced terms
  DedalusUnboundVariable,
  DedalusWildcardInHead,
  DedalusMisplacedWildcard,
  DedalusMisplacedAggregate,
  DedalusBadAggregate,
  DedalusSelfAssignment,
  // stratification
  DedalusUnstratifiable,
  // location and time
  DedalusDestinationNotLocation,
  DedalusLocalHeadWithDestination,
  DedalusAsyncWithoutDestination,
  DedalusInputDerived,
  DedalusConfigDerived,
  DedalusOutputNotAsync,
  DedalusOutputNotToClient,
  DedalusOutputRead,
  DedalusAmbiguousInput,
  DedalusInputNotReceived,
  // requests and their answers
  DedalusAnsweredNotInput,
  DedalusUnknownAnswer,
  DedalusAnswerKey,
  DedalusBadResend,
  // rewrites
  DedalusBadHint,
  DedalusCannotDecouple,
  DedalusDecoupled,
  DedalusCannotPartition,
  DedalusPartitioned,
  DedalusForcedRewrite,
  DedalusBadOption,
  // warnings
  DedalusUnusedRelation,
  DedalusNeverDerived,
  DedalusRuleOutsideRole,
  DedalusEndlessSend,
  DedalusDurableNotCarried,
  // the processor's own failure
  DedalusInternalError;

  /** The bracketed form that starts every message. */
  public String tag() {
    return "[" + name() + "]";
  }
}
