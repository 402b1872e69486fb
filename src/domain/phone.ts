/**
 * What a Chinese phone number looks like to Plaint: mainland mobile, landline with area code (and
 * extension), 400/800 service numbers; optional +86. One pattern for the API's schemas and for imported
 * ledgers, so a number the API refuses is refused by an import too.
 */
export const PHONE_PATTERN = '^(\\+?86[- ]?)?(1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}(-\\d{1,6})?|[48]00-?\\d{3}-?\\d{4})$';
