// Generated from the Rust types in crates/casebook-core by `make bindings`. Do not edit.

export type ErrorKind = "locked" | "wrong_passphrase" | "throttled" | "not_found" | "invalid" | "workflow" | "conflict" | "storage" | "corrupt" | "incompatible";

export type ErrorReply = { kind: ErrorKind, message: string, 
/**
 * The input field at fault, for `invalid`.
 */
field?: string, 
/**
 * The workflow rule that was broken, for `workflow`.
 */
rule?: string, 
/**
 * Seconds to wait before the next attempt, for `throttled`.
 */
retryAfterSecs?: number, };

export type NotebookStatus = { 
/**
 * A notebook exists at the location (its key file is there).
 */
exists: boolean, unlocked: boolean, 
/**
 * The notebook folder, shown on the lock screen so the therapist knows which one this is.
 */
folder: string, };

export type RecoveryCodeView = { 
/**
 * Eight groups of four characters.
 */
groups: Array<string>, };

export type Settings = { 
/**
 * The therapist's name as it appears on signatures.
 */
therapistName: string, 
/**
 * Minutes of inactivity before the notebook locks itself.
 */
autoLockMinutes: number, };

export type PassphraseStrength = "very_weak" | "weak" | "fair" | "good" | "strong";
