/** The largest logo the branding editor takes (the browser checks it too, before uploading). */
export const MAX_LOGO_BYTES = 512 * 1024;
