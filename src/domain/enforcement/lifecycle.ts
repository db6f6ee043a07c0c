import { Conflict } from '../errors.ts';

/** From which states an action is allowed and where it leads (null: the state stays). */
export type TransitionTable<S extends string, A extends string> = Readonly<Record<A, { from: readonly S[]; to: S | null }>>;

/** An action the record's state does not allow (HTTP 409), naming both. */
export class IllegalTransition extends Conflict {
  constructor(what: string, state: string, action: string, allowedFrom: readonly string[]) {
    super(
      `A ${what} in state '${state}' cannot take action '${action}' (allowed from: ${allowedFrom.join(', ') || 'none'})`,
      { state, action, allowedFrom },
      'illegal_transition',
    );
  }
}

/** The state after the action, or an IllegalTransition. */
export function nextState<S extends string, A extends string>(table: TransitionTable<S, A>, what: string, state: S, action: A): S {
  const rule = table[action];
  if (!rule.from.includes(state)) throw new IllegalTransition(what, state, action, rule.from);
  return rule.to ?? state;
}

/** The actions a record in this state may take (for the UI's buttons). */
export function actionsFrom<S extends string, A extends string>(table: TransitionTable<S, A>, state: S): A[] {
  return (Object.keys(table) as A[]).filter((a) => table[a].from.includes(state));
}
