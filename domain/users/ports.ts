/** What the user service says about one user id. */
export interface UserInfo {
  readonly id: string;
  readonly display_name: string;
  readonly email?: string;
}

/**
 * One lookup's outcome. A lookup never fails: an id the user service does not
 * know is `unknown`; a slow, down or erroring service is `unavailable`, with
 * the reason, and the caller answers with ids only.
 */
export type UserLookup =
  | { readonly status: "found"; readonly user: UserInfo; readonly stale?: boolean }
  | { readonly status: "unknown" }
  | { readonly status: "unavailable"; readonly reason: string };

/** The user service, as audit trails and reports see it (the plan's `UserServiceClient`). */
export interface UserDirectory {
  /** The plan's `get_user_info`; never rejects. */
  getUserInfo(id: string): Promise<UserLookup>;
}
