/** The product mark: a mountain over a shield-blue square. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg className="ka-brand-logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
      <rect width="32" height="32" rx="6" fill="#0b5fa5" />
      <path d="M5 24 13.5 9l4.5 7.5 3-4 6 11.5z" fill="#f5a623" />
      <path d="M5 24h22" stroke="#fff" strokeWidth="1.5" />
    </svg>
  );
}
