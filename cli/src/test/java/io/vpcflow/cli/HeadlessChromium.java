package io.vpcflow.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver (both from {@code .ci/run}): a page opened as a user
 * opens a saved file, its screenshot, and every request it made. Names resolve to nothing, so a page that reached
 * out would show it in {@link Opened#requests()} rather than fetch anything.
 */
final class HeadlessChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChromeDriver driver;

    /** A page as the browser showed it. */
    record Opened(ChromeDriver driver, byte[] screenshot, List<String> requests) {
        /** The share of the screenshot's pixels that are not (near) white: 0 for a blank page. */
        double inked() throws IOException {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(screenshot));
            long inked = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y);
                    int r = (rgb >> 16) & 0xff;
                    int g = (rgb >> 8) & 0xff;
                    int b = rgb & 0xff;
                    if (r + g + b < 3 * 235) {
                        inked++;
                    }
                }
            }
            return inked / (double) (image.getWidth() * image.getHeight());
        }
    }

    HeadlessChromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--window-size=1280,1400",
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    /** Opens a page file, keeps its screenshot in {@code shot}, and says what it requested. */
    Opened open(Path page, Path shot) throws IOException {
        driver.manage().logs().get(LogType.PERFORMANCE); // what came before this page
        driver.get(page.toUri().toString());
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Files.createDirectories(shot.getParent());
        Files.write(shot, png);
        List<String> requests = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
            JsonNode m = JSON.readTree(e.getMessage()).path("message");
            if (m.path("method").asText().equals("Network.requestWillBeSent")) {
                requests.add(m.path("params").path("request").path("url").asText());
            }
        }
        return new Opened(driver, png, requests);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
