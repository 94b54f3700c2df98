package dev.kefu.visitor;

/**
 * Where an IP address is, as far as the geo-IP data knows. Any field but the country code may be null.
 *
 * @param countryCode ISO 3166-1 alpha-2, e.g. "CN"
 * @param countryName the English name, e.g. "China"
 * @param region      state or province, e.g. "Shandong"
 */
public record Location(String countryCode, String countryName, String region, String city) {
    /** A location from what is stored (country code, region, city), with the country's English name. */
    public static Location of(String countryCode, String region, String city) {
        if (countryCode == null || countryCode.isBlank()) {
            return null;
        }
        String name = java.util.Locale.of("", countryCode).getDisplayCountry(java.util.Locale.ENGLISH);
        return new Location(countryCode, name.isEmpty() || name.equals(countryCode) ? null : name,
                blankToNull(region), blankToNull(city));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
