package dev.kefu.ui;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.NoSuchShadowRootException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium (Debian's /usr/bin/chromium, driven by /usr/bin/chromedriver; nothing is downloaded)
 * with its own fresh profile, and the helpers the UI tests need: waiting for {@code data-testid} elements,
 * the widget's open shadow root, the chat panel's iframe, screenshots under {@code target/screenshots/}.
 *
 * <p>Every wait is explicit ({@link #until}, 15 s); nothing sleeps. The browser is the unit of isolation: a
 * visitor, an agent or an admin each get their own, so storage and cookies never mix.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** Browsers not closed yet, for screenshots when a test fails (see {@link UiFailureArtifacts}). */
    static final List<Browser> OPEN = new CopyOnWriteArrayList<>();

    static {
        // Selenium Manager must not look for (or download) drivers or browsers: with the driver given here and in
        // the service below (and the browser binary in the options), Selenium skips it and never unpacks it.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    }

    final String name;
    final ChromeDriver driver;
    private final Path profile;

    /** Skips the calling test class (JUnit assumption) only when Chromium is not installed at all. */
    static void assumeChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), CHROMIUM + " is not installed: browser tests skipped");
    }

    private Browser(String name) throws IOException {
        this.name = name;
        this.profile = Files.createTempDirectory("kefu-ui-" + name);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath(),
                // The panel picks its language from the browser when the snippet has no data-lang.
                "--lang=en-US");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream())
                .build();
        this.driver = new ChromeDriver(service, options);
        OPEN.add(this);
    }

    /** A new browser with a fresh profile; {@code name} labels its screenshots and failure artifacts. */
    static Browser open(String name) throws IOException {
        return new Browser(name);
    }

    // ---------- navigation ----------

    void get(String url) {
        driver.get(url);
    }

    void reload() {
        driver.navigate().refresh();
    }

    /** Back to the top-level page (out of any iframe). */
    void top() {
        driver.switchTo().defaultContent();
    }

    /** Opens a new tab in this browser (same profile and cookies, but its own sessionStorage) and switches to it. */
    String newTab() {
        driver.switchTo().newWindow(WindowType.TAB);
        return driver.getWindowHandle();
    }

    /** Brings the tab to the front (a background tab is {@code document.hidden}). */
    void switchTo(String handle) {
        driver.switchTo().window(handle);
    }

    // ---------- finding things ----------

    static By testId(String id) {
        return By.cssSelector("[data-testid='" + id + "']");
    }

    /** Waits until {@code condition} returns something other than null or false; stale elements count as "not yet". */
    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, TIMEOUT)
                .ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class)
                .withMessage(what)
                .until(condition);
    }

    /** The visible element with this {@code data-testid} in the current frame, waiting for it. */
    WebElement visible(String id) {
        return until("visible [data-testid=" + id + "]", d -> {
            for (WebElement e : d.findElements(testId(id))) {
                if (e.isDisplayed()) {
                    return e;
                }
            }
            return null;
        });
    }

    /** Every element with this {@code data-testid} in the current frame, now (no wait). */
    List<WebElement> all(String id) {
        return driver.findElements(testId(id));
    }

    /** Waits until no element with this {@code data-testid} is displayed in the current frame. */
    void hidden(String id) {
        until("hidden [data-testid=" + id + "]", d -> d.findElements(testId(id)).stream().noneMatch(WebElement::isDisplayed));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String css(WebElement e, String property) {
        return e.getCssValue(property);
    }

    // ---------- the widget ----------

    /** The open shadow root the loader draws the launcher in (host element {@code #kefu-widget}). */
    SearchContext widgetRoot() {
        top();
        return until("the widget's shadow root", d -> {
            try {
                return d.findElement(By.id("kefu-widget")).getShadowRoot();
            } catch (NoSuchShadowRootException e) {
                return null;
            }
        });
    }

    WebElement launcher() {
        SearchContext root = widgetRoot();
        return until("the launcher", d -> {
            WebElement l = root.findElement(testId("kefu-launcher"));
            return l.isDisplayed() ? l : null;
        });
    }

    /** Clicks the launcher (if the panel is closed), then switches into the panel's iframe and waits for it. */
    void openWidget() {
        WebElement l = launcher();
        if (!"true".equals(l.getAttribute("aria-expanded"))) {
            l.click();
        }
        until("the launcher reports the panel open", d -> "true".equals(launcher().getAttribute("aria-expanded")));
        intoPanel();
    }

    /** Switches into the chat panel's iframe (from the top-level page) and waits for the panel to boot. */
    void intoPanel() {
        SearchContext root = widgetRoot();
        WebElement frame = until("the panel iframe", d -> {
            WebElement f = root.findElement(testId("kefu-frame"));
            return f.isDisplayed() ? f : null;
        });
        driver.switchTo().frame(frame);
        // The panel is booted once its spinner has given way to chat, a form or an error.
        until("the panel to boot", d -> !d.findElements(testId("panel")).isEmpty()
                && d.findElements(By.cssSelector("[data-testid='panel'] .form-slot .spinner")).isEmpty());
    }

    // ---------- evidence ----------

    /** Saves a PNG of the viewport (iframes included) as {@code target/screenshots/<name>.png}. */
    Path screenshot(String file) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path out = SCREENSHOTS.resolve(file + ".png");
            Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
            return out;
        } catch (IOException e) {
            throw new AssertionError("screenshot " + file, e);
        }
    }

    /** The browser's console since the last call (for failure reports). */
    List<String> console() {
        List<String> lines = new ArrayList<>();
        try {
            for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
                lines.add(e.getLevel() + " " + e.getMessage());
            }
        } catch (RuntimeException e) {
            lines.add("(console unavailable: " + e + ")");
        }
        return lines;
    }

    /** Screenshot and console of every tab, named after the failed test. Never throws. */
    void saveFailure(String test) {
        try {
            top();
            String prefix = "FAILED-" + test + "-" + name;
            for (String handle : driver.getWindowHandles()) {
                driver.switchTo().window(handle);
                String suffix = driver.getWindowHandles().size() > 1 ? "-" + handle.substring(Math.max(0, handle.length() - 6)) : "";
                screenshot(prefix + suffix);
                Files.write(SCREENSHOTS.resolve(prefix + suffix + ".txt"),
                        ("URL " + driver.getCurrentUrl() + "\n" + String.join("\n", console()) + "\n")
                                .getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException | IOException e) {
            System.err.println("could not save failure artifacts of " + name + ": " + e);
        }
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            driver.quit();
        } finally {
            deleteTree(profile);
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
