/** The sync protocol's shapes live in the domain, where services and the sync transport both read them. */
export * from '../domain/network/protocol.ts';
