/** A fact, as plain JSON-safe data: past-tense `type`, payload in `data`. */
export interface DomainEvent<Type extends string = string, Data extends object = object> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * The write model of one aggregate as pure functions (emmett's decider):
 * `decide` turns a command and the current state into new events or throws a DomainError;
 * `evolve` folds one event into the state.
 */
export interface Decider<State, Command, Event extends DomainEvent> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State) => Event[];
  readonly evolve: (state: State, event: Event) => State;
}

/** Ends every switch over a closed union: adding a case without handling it fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
