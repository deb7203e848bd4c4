export type Branding = {
  name: string;
  logoUrl: string | null;
  /** The merchant's colour, adjusted to reach WCAG AA against white and under its text colour. */
  color: string;
  onColor: string;
};
