package dev.kefu.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;

/**
 * Supplies option values that were not given on the command line: first from the environment
 * ({@code --db-url} reads {@code KEFU_DB_URL}), then from the properties file named by --config or KEFU_CONFIG
 * (keys are option names without dashes: {@code port=3000}).
 */
final class ConfigDefaults implements CommandLine.IDefaultValueProvider {
    private final Map<String, String> env;
    private final Properties file;

    ConfigDefaults(Map<String, String> env, Path configFile) {
        this.env = env;
        this.file = new Properties();
        if (configFile != null) {
            try (Reader r = Files.newBufferedReader(configFile)) {
                file.load(r);
            } catch (IOException e) {
                throw new CommandLine.ParameterException(new CommandLine(new Object()),
                        "cannot read config file " + configFile + ": " + e.getMessage());
            }
        }
    }

    static String envName(String option) {
        return "KEFU_" + option.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    @Override
    public String defaultValue(CommandLine.Model.ArgSpec arg) {
        if (!(arg instanceof CommandLine.Model.OptionSpec option) || option.longestName().equals("--config")) {
            return null;
        }
        String name = option.longestName();
        String fromEnv = env.get(envName(name));
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return fromEnv;
        }
        return file.getProperty(name.replaceFirst("^--", ""));
    }
}
