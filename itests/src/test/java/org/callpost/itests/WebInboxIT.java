package org.callpost.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.callpost.testsupport.PbxCaller;
import org.callpost.testsupport.PbxCaller.OutgoingCall;
import org.callpost.testsupport.RtpPeer;
import org.callpost.testsupport.SipRegistrar;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TestWatcher;
import org.junit.runner.Description;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web pages in a real browser (Debian's headless Chromium through chromedriver) against the
 * real distribution run as a separate process, {@link SipRegistrar} as the MiVoice Office 400 and
 * {@link PbxCaller} with an {@link RtpPeer} as the caller (issue 15, item 5).
 *
 * <p>A caller leaves a message by phone; the subscriber logs on in the inbox (a wrong PIN first,
 * whose 401 sentence the page shows), sees the message with the caller's number and its length,
 * plays it in the page (the browser's own idea of the audio's length matches the message's, and
 * playback really runs), deletes it, and the PBX gets the lamp-off INVITE. The administrator logs
 * on in the dashboard (Karaf's default password first, refused with the API's sentence), sees the
 * lines REGISTERED and a second call while it is up, and sees it go when the caller hangs up; the
 * message that caller left, played to its end in the inbox, is heard and its lamp goes out. A
 * second test drives greetings, callout and PIN in the inbox and lockouts and mailboxes in the
 * dashboard.
 * Screenshots of both pages are written to {@code target/screenshots/}.
 *
 * <p>Needs {@code chromium} and {@code chromium-driver} (Debian packages; {@code .ci/run} installs
 * them): without them the test fails, it does not skip.
 */
public class WebInboxIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("callpost.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("callpost.chromedriver", "/usr/bin/chromedriver"));
    private static final String MAILBOX = "201";
    private static final String PIN = "4321";
    private static final String ADMIN_PASSWORD = "s3cret";
    private static final String CALLER = "0441234567";
    private static final String SECOND_CALLER = "0449876543";
    /** The caller's "voice": not the 1 kHz record beep. */
    private static final int VOICE_HZ = 600;

    private Path target;
    private Path screenshots;
    private KarafProcess karaf;
    private SipRegistrar registrar;
    private PbxCaller pbx;
    private RtpPeer caller;
    private RtpPeer secondCaller;
    private RtpPeer extension;
    private ChromeDriverService driverService;
    private WebDriver browser;
    private int sipPort;
    private String base;

    /** A failing test leaves the page as it was: a screenshot and its HTML next to the others. */
    @Rule
    public final TestWatcher onFailure = new TestWatcher() {
        @Override
        protected void failed(Throwable e, Description d) {
            if (browser != null && screenshots != null) {
                try {
                    screenshot("failure-" + d.getMethodName());
                    Files.writeString(screenshots.resolve("failure-" + d.getMethodName() + ".html"), browser.getPageSource());
                } catch (Exception ignored) {
                    // the failure itself is what counts
                }
            }
        }

        /** After @After (rules wrap it), so that a failure's screenshot still has a browser. */
        @Override
        protected void finished(Description d) {
            if (browser != null) {
                browser.quit();
            }
            if (driverService != null) {
                driverService.stop();
            }
        }
    };

    @Before
    public void distributionAndBrowser() throws Exception {
        // first, before minutes of Karaf: the browser is required, not optional
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = Stream.of(CHROMIUM, CHROMEDRIVER).filter(p -> !Files.isExecutable(p)).map(Path::toString)
                    .collect(java.util.stream.Collectors.joining(" and "));
            throw new AssertionError("WebInboxIT needs a real browser, and " + missing + " is missing: install Debian's"
                    + " chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does), or give"
                    + " their paths with -Dcallpost.chromium=... -Dcallpost.chromedriver=...");
        }
        target = Path.of(System.getProperty("project.build.directory", "target"));
        screenshots = target.resolve("screenshots");
        Files.createDirectories(screenshots);
        Path work = target.resolve("web");
        Files.createDirectories(work);
        karaf = KarafProcess.copyOfDistribution(work);

        registrar = new SipRegistrar("web", SipRegistrar.freePort(), "s3cret");
        extension = new RtpPeer();
        registrar.answerWith(extension.sdpOffer());
        registrar.extension("*38" + MAILBOX, SipRegistrar.Answer.ANSWER);
        registrar.extension("#38" + MAILBOX, SipRegistrar.Answer.ANSWER);
        sipPort = SipRegistrar.freePort();
        Files.delete(karaf.home().resolve("etc/org.callpost.integration-office400.cfg"));
        String integration = "etc/org.callpost.integration-web.cfg";
        String[][] settings = {{"profile", "mivoice400"}, {"sip.server.address", "127.0.0.1"},
                {"sip.server.port", String.valueOf(registrar.port())}, {"transport", "TCP"}, {"local.address", "127.0.0.1"},
                {"sip.local.port", String.valueOf(sipPort)}, {"pbx.password", "s3cret"}, {"line.extensions", "61-63"},
                {"hunt.group.access.code", "60"}, {"mwi.lines", "63"},
                {"media.base.port", String.valueOf(40000 + 2 * (int) (Math.random() * 4000))}};
        for (String[] s : settings) {
            karaf.setting(integration, s[0], s[1]);
        }
        karaf.setting("etc/org.callpost.mwi.cfg", "integration.poll.seconds", "1");
        // the web refuses karaf/karaf: an administrator of the admin group with a password of its own
        Files.writeString(karaf.home().resolve("etc/users.properties"),
                "\nadmin = " + ADMIN_PASSWORD + ",_g_:admingroup\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        base = "http://127.0.0.1:" + karaf.httpPort() + "/callpost/";

        pbx = new PbxCaller("web", "tcp");
        caller = new RtpPeer();
        secondCaller = new RtpPeer();

        // the driver and the browser by their paths: Selenium Manager never looks for (or downloads) one
        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .withLogFile(target.resolve("web-chromedriver.log").toFile()).build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1100",
                "--mute-audio", "--lang=en-US");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        browser = new ChromeDriver(driverService, options);
    }

    @After
    public void tearDown() throws Exception {
        // the browser is quit by onFailure.finished(), after a failure's screenshot
        if (karaf != null) {
            karaf.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {pbx, registrar, caller, secondCaller, extension}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    public void aMessageLeftByPhoneIsPlayedAndDeletedInTheInboxAndTheDashboardShowsTheLinesAndACall() throws Exception {
        startCallpost();

        // ---- a caller leaves a message: ~3 s of voice after the beep, then hangs up
        OutgoingCall call = pbx.call("127.0.0.1", sipPort, "61", CALLER, MAILBOX, caller.sdpOffer(),
                "Diversion: <sip:" + MAILBOX + "@127.0.0.1>;reason=no-answer;counter=1");
        assertTrue(call.codes().toString(), call.got(200, 5000));
        call.ack(null);
        awaitBeep(caller, 30_000);
        caller.sendTone("127.0.0.1", call.callpostRtpPort(), VOICE_HZ, 3000);
        caller.awaitSent(5000);
        Thread.sleep(300);
        call.bye();
        assertTrue(call.otherResponses().toString(), call.await(c -> c.otherResponses().contains("BYE 200"), 5000));
        assertTrue("the message lights the lamp", registrar.await(r -> r.invitesTo("*38" + MAILBOX).size() >= 1, 30_000));
        Path recorded = awaitNewMessageFile(10_000);
        double fileSeconds = Wav.read(recorded).seconds();
        assertTrue("about 3 s recorded: " + fileSeconds, fileSeconds > 2.5 && fileSeconds < 4.5);

        // ---- the inbox: a wrong PIN first, the API's 401 sentence in the page
        browser.get(base);
        logOnSubscriber(MAILBOX, "9999");
        WebElement logonError = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-error")), 10);
        assertEquals("Wrong mailbox number or PIN", logonError.getText());
        assertTrue("still at the log-on form", browser.findElement(By.id("logon")).isDisplayed());
        assertFalse("the PIN is never in the URL", browser.getCurrentUrl().contains("9999"));

        logOnSubscriber(MAILBOX, PIN);
        By row = By.cssSelector("#messages-new tr[data-message-id]");
        WebElement message = waitFor(ExpectedConditions.visibilityOfElementLocated(row), 15);
        assertEquals(1, browser.findElements(row).size());
        assertFalse("the PIN is never in the URL", browser.getCurrentUrl().contains(PIN));
        String id = message.getAttribute("data-message-id");
        assertEquals(CALLER, message.findElement(By.cssSelector(".caller-number")).getText());
        assertEquals("Caller " + CALLER, message.findElement(By.cssSelector(".caller-name")).getText());
        assertEquals("false", message.getAttribute("data-heard"));
        WebElement length = message.findElement(By.cssSelector("td.duration"));
        double listed = Double.parseDouble(length.getAttribute("data-seconds"));
        assertTrue("the page lists " + listed + " s for a file of " + fileSeconds + " s", Math.abs(listed - fileSeconds) < 0.3);
        long whole = Math.round(listed);
        assertEquals(String.format("%d:%02d", whole / 60, whole % 60), length.getText());
        screenshot("web-inbox");

        // ---- play it in the page: the browser reads the WAV and plays; stopped before its end, so
        // that it stays unheard (heard = played to the end) and the lamp goes out only on delete
        js("const a = document.getElementById('player-audio'); window.__audio = {playing: false, duration: null, at: 0};"
                + "a.addEventListener('playing', () => { window.__audio.playing = true; });"
                + "a.addEventListener('timeupdate', () => { if (a.currentTime > 0.2 && window.__audio.at === 0) {"
                + " window.__audio.at = a.currentTime; window.__audio.duration = a.duration; a.pause(); } });");
        message.findElement(By.cssSelector("[data-action=play]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> Boolean.TRUE.equals(js("return window.__audio.at > 0")));
        assertEquals(Boolean.TRUE, js("return window.__audio.playing"));
        assertTrue("the player's source is the message's audio",
                String.valueOf(js("return document.getElementById('player-audio').currentSrc")).endsWith("/api/messages/" + id + "/audio"));
        double played = ((Number) js("return window.__audio.duration")).doubleValue();
        assertTrue("the browser's audio is " + played + " s, the message " + listed + " s", Math.abs(played - listed) <= 0.3);
        assertEquals("no lamp-off while the message is unheard and kept", 0, registrar.invitesTo("#38" + MAILBOX).size());

        // ---- delete: the row moves to the deleted folder and the lamp goes out
        browser.findElement(By.cssSelector("#messages-new tr[data-message-id='" + id + "'] [data-action=delete]")).click();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#messages-deleted tr[data-message-id='" + id + "']")), 10);
        assertEquals(0, browser.findElements(row).size());
        assertTrue("the lamp-off INVITE (#38" + MAILBOX + ") after the delete",
                registrar.await(r -> r.invitesTo("#38" + MAILBOX).size() >= 1, 30_000));
        browser.findElement(By.id("logoff")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-form")), 10);

        // ---- the dashboard: Karaf's default password refused with the API's sentence, then the administrator
        browser.get(base + "admin/");
        logOnAdmin("karaf", "karaf");
        WebElement adminError = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-error")), 10);
        assertTrue(adminError.getText(), adminError.getText().contains("default password")
                && adminError.getText().contains("etc/users.properties"));
        logOnAdmin("admin", ADMIN_PASSWORD);
        for (String line : List.of("61", "62", "63")) {
            waitFor(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("table.lines tr[data-extension='" + line + "'][data-state='REGISTERED']")), 15);
        }

        // a second call, shown while it is up (the page refreshes itself every 5 s)
        OutgoingCall second = pbx.call("127.0.0.1", sipPort, "62", SECOND_CALLER, MAILBOX, secondCaller.sdpOffer(),
                "Diversion: <sip:" + MAILBOX + "@127.0.0.1>;reason=user-busy;counter=1");
        assertTrue(second.codes().toString(), second.got(200, 5000));
        second.ack(null);
        secondCaller.sendTone("127.0.0.1", second.callpostRtpPort(), VOICE_HZ, 60_000);
        By callRow = By.cssSelector("#calls tr[data-calling-number='" + SECOND_CALLER + "']");
        WebElement up = waitFor(ExpectedConditions.presenceOfElementLocated(callRow), 15);
        String line = up.findElement(By.cssSelector("td")).getText();
        assertTrue(line, line.startsWith("web line ") && line.contains("extension 62"));
        // RTP figures: at the next refresh the caller's packets are counted
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> {
            List<WebElement> r = b.findElements(callRow);
            return !r.isEmpty() && Long.parseLong(r.get(0).findElements(By.cssSelector("td.num")).get(1).getText()) > 0;
        });
        screenshot("admin-dashboard");
        // past the greeting and the beep, 2 s of the caller's voice are a message
        awaitBeep(secondCaller, 30_000);
        Thread.sleep(2000);
        second.bye();
        assertTrue(second.otherResponses().toString(), second.await(c -> c.otherResponses().contains("BYE 200"), 5000));
        waitFor(ExpectedConditions.numberOfElementsToBe(callRow, 0), 15);

        // ---- the second caller left a message too: played to its end in the inbox it is heard,
        // and the lamp it lit goes out again
        assertTrue("the second message lights the lamp", registrar.await(r -> r.invitesTo("*38" + MAILBOX).size() >= 2, 30_000));
        int offBefore = registrar.invitesTo("#38" + MAILBOX).size();
        browser.get(base);
        logOnSubscriber(MAILBOX, PIN);
        WebElement next = waitFor(ExpectedConditions.visibilityOfElementLocated(row), 15);
        assertEquals(SECOND_CALLER, next.findElement(By.cssSelector(".caller-number")).getText());
        assertEquals("false", next.getAttribute("data-heard"));
        double seconds = Double.parseDouble(next.findElement(By.cssSelector("td.duration")).getAttribute("data-seconds"));
        clickIn(row, "play");
        waitFor(ExpectedConditions.attributeToBe(row, "data-heard", "true"), (int) seconds + 20);
        assertTrue("the lamp-off INVITE once the message is heard",
                registrar.await(r -> r.invitesTo("#38" + MAILBOX).size() > offBefore, 30_000));
    }

    @Test
    public void greetingsCalloutAndPinInTheInboxAndLockoutsAndMailboxesInTheDashboard() throws Exception {
        startCallpost();
        browser.get(base);
        logOnSubscriber(MAILBOX, PIN);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("inbox")), 15);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#messages-new tbody"), "No new messages"), 15);

        // ---- a personal greeting uploaded as a WAV file, made the active one, played
        By personal = By.cssSelector("#greetings-table tr[data-greeting='PERSONAL']");
        waitFor(ExpectedConditions.attributeToBe(personal, "data-recorded", "false"), 15);
        assertFalse("no personal greeting: it cannot be chosen", browser.findElement(By.id("greeting-active-PERSONAL")).isEnabled());
        Path wav = target.resolve("web-greeting.wav");
        Wav.writeTone(wav, 500, 2000);
        // the Upload button opens the file chooser (none in headless Chromium); Selenium gives the file to its input
        clickIn(personal, "upload");
        browser.findElement(By.id("greeting-file")).sendKeys(wav.toAbsolutePath().toString());
        waitFor(ExpectedConditions.attributeToBe(personal, "data-recorded", "true"), 15);
        assertEquals("0:02", waitFor(b -> b.findElement(personal).findElement(By.cssSelector("td.num")).getText(), 5));
        assertTrue(browser.findElement(By.id("notice")).getText().contains("uploaded"));
        WebElement choosePersonal = browser.findElement(By.id("greeting-active-PERSONAL"));
        assertTrue(choosePersonal.isEnabled());
        choosePersonal.click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "personal greeting"), 10);
        js("const a = document.getElementById('player-audio'); window.__greeting = {duration: 0};"
                + "a.addEventListener('playing', () => { window.__greeting.duration = a.duration; });");
        clickIn(personal, "play");
        new WebDriverWait(browser, Duration.ofSeconds(15)).until(b -> ((Number) js("return window.__greeting.duration")).doubleValue() > 0);
        double greeting = ((Number) js("return window.__greeting.duration")).doubleValue();
        assertTrue("the uploaded greeting plays for " + greeting + " s", Math.abs(greeting - 2.0) <= 0.3);

        // ---- the callout number: a refused one shows the API's sentence, a good one is kept
        WebElement number = browser.findElement(By.id("callout-number"));
        number.sendKeys("079 abc");
        browser.findElement(By.id("callout-submit")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("callout-message"), "digits"), 10);
        number.clear();
        number.sendKeys("0791234567");
        browser.findElement(By.id("callout-submit")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("callout-message"), "0791234567"), 10);

        // ---- the PIN: a wrong current one refused (403 sentence), then changed; the new one logs on
        browser.findElement(By.id("pin-current")).sendKeys("1111");
        browser.findElement(By.id("pin-new")).sendKeys("86420");
        browser.findElement(By.id("pin-repeat")).sendKeys("86420");
        browser.findElement(By.id("pin-submit")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("pin-message"), "The current PIN is wrong"), 10);
        WebElement current = browser.findElement(By.id("pin-current"));
        current.clear();
        current.sendKeys(PIN);
        browser.findElement(By.id("pin-submit")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("pin-message"), "Your PIN has been changed"), 10);
        assertEquals("", browser.findElement(By.id("pin-new")).getAttribute("value"));
        browser.findElement(By.id("logoff")).click();
        logOnSubscriber(MAILBOX, PIN);
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("logon-error"), "Wrong mailbox number or PIN"), 10);
        logOnSubscriber(MAILBOX, "86420");
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("inbox")), 15);
        assertEquals("0791234567", browser.findElement(By.id("callout-number")).getAttribute("value"));
        assertTrue(browser.findElement(By.id("greeting-active-PERSONAL")).isSelected());
        browser.findElement(By.id("logoff")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-form")), 10);

        // ---- the dashboard: mailboxes added, edited, PIN reset, removed; a lockout lifted
        browser.get(base + "admin/");
        logOnAdmin("admin", ADMIN_PASSWORD);
        By mailbox201 = By.cssSelector("#mailboxes tr[data-mailbox='201']");
        waitFor(ExpectedConditions.presenceOfElementLocated(mailbox201), 15);
        browser.findElement(By.id("mailbox-add")).click();
        browser.findElement(By.id("mb-number")).sendKeys("202");
        browser.findElement(By.id("mb-extension")).sendKeys("202");
        browser.findElement(By.id("mb-name")).sendKeys("Bruno Roth");
        browser.findElement(By.id("mb-pin")).sendKeys("97531");
        // what the administrator is typing survives the 5 s refresh
        Thread.sleep(6000);
        assertEquals("Bruno Roth", browser.findElement(By.id("mb-name")).getAttribute("value"));
        browser.findElement(By.id("mailbox-save")).click();
        By mailbox202 = By.cssSelector("#mailboxes tr[data-mailbox='202']");
        waitFor(ExpectedConditions.textToBePresentInElementLocated(mailbox202, "Bruno Roth"), 10);

        clickIn(mailbox202, "edit");
        WebElement name = browser.findElement(By.id("mb-name"));
        assertEquals("Bruno Roth", name.getAttribute("value"));
        name.clear();
        name.sendKeys("Bruno Roth-Keller");
        browser.findElement(By.id("mb-callout")).sendKeys("0781112233");
        browser.findElement(By.id("mailbox-save")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(mailbox202, "Bruno Roth-Keller"), 10);
        assertTrue(waitFor(b -> b.findElement(mailbox202).getText(), 5).contains("0781112233"));

        // six wrong PINs on the web lock 202 (pin.lockout.failures); the dashboard shows it and unlocks it
        HttpClient http = HttpClient.newHttpClient();
        int status = 0;
        for (int i = 0; i < 6; i++) {
            status = http.send(HttpRequest.newBuilder(URI.create(base + "api/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"mailbox\":\"202\",\"pin\":\"00000\"}")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        assertEquals("the sixth wrong PIN locks", 423, status);
        By lockout = By.cssSelector("#lockouts tr[data-mailbox='202'][data-locked='true']");
        waitFor(ExpectedConditions.presenceOfElementLocated(lockout), 15);
        clickIn(lockout, "unlock");
        waitFor(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#lockouts tr[data-mailbox='202']"), 0), 15);

        // a PIN reset, then the subscriber logs on with it
        clickIn(mailbox202, "pin");
        browser.findElement(By.id("pin-reset-value")).sendKeys("24680");
        browser.findElement(By.id("pin-reset-save")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "PIN of mailbox 202"), 10);
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "api/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"mailbox\":\"202\",\"pin\":\"24680\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        // removed, after the confirmation
        clickIn(mailbox202, "remove");
        browser.switchTo().alert().accept();
        waitFor(ExpectedConditions.numberOfElementsToBe(mailbox202, 0), 10);
        assertEquals(1, browser.findElements(mailbox201).size());
        assertTrue(karaf.shell("callpost:mailbox-list").contains("201"));
        assertFalse(karaf.shell("callpost:mailbox-list").contains("Bruno"));
    }

    /** Karaf up, its lines registered, mailbox 201 with its PIN, the web API answering. */
    private void startCallpost() throws Exception {
        karaf.start();
        karaf.awaitShell("callpost:status", "web", 120_000);
        assertTrue("lines registered", registrar.await(r -> r.hasRegistered(List.of("61", "62", "63")), 60_000));
        karaf.awaitShell("callpost:mailbox-add --extension " + MAILBOX + " --name \"Anna Meier\" --pin " + PIN + " " + MAILBOX,
                "Mailbox " + MAILBOX + " created", 30_000);
        awaitWeb(60_000);
    }

    private void logOnSubscriber(String mailbox, String pin) {
        WebElement number = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-mailbox")), 15);
        number.clear();
        number.sendKeys(mailbox);
        WebElement secret = browser.findElement(By.id("logon-pin"));
        secret.clear();
        secret.sendKeys(pin);
        browser.findElement(By.id("logon-submit")).click();
    }

    private void logOnAdmin(String user, String password) {
        WebElement name = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("logon-user")), 15);
        name.clear();
        name.sendKeys(user);
        WebElement secret = browser.findElement(By.id("logon-password"));
        secret.clear();
        secret.sendKeys(password);
        browser.findElement(By.id("logon-submit")).click();
    }

    private <T> T waitFor(java.util.function.Function<WebDriver, T> condition, int seconds) {
        // the pages draw a table again when its data changes: an element found may go stale at once
        return new WebDriverWait(browser, Duration.ofSeconds(seconds)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** Clicks the button of {@code action} in the row, found again if the page has just drawn it anew. */
    private void clickIn(By row, String action) {
        waitFor(b -> {
            b.findElement(row).findElement(By.cssSelector("[data-action=" + action + "]")).click();
            return true;
        }, 10);
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void screenshot(String name) throws Exception {
        Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(png, screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Waits until the web bundle answers: GET session without one is 401 (JSON), not 404. */
    private void awaitWeb(long millis) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long end = System.currentTimeMillis() + millis;
        int status = 0;
        while (System.currentTimeMillis() < end) {
            try {
                status = http.send(HttpRequest.newBuilder(URI.create(base + "api/session")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return;
                }
            } catch (java.io.IOException e) {
                status = -1;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the web API did not answer at " + base + "api/session within " + millis + " ms (last: " + status + ")");
    }

    private Path awaitNewMessageFile(long millis) throws Exception {
        Path store = karaf.data().resolve("callpost/store");
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<Path> found = StoreFiles.wavs(store, MAILBOX, "new");
            if (found.size() == 1) {
                return found.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no new message file for mailbox " + MAILBOX + " in " + store);
    }

    /** Waits until the caller has heard the record beep (1 kHz for 100 ms) and its end (300 ms from its start). */
    private static void awaitBeep(RtpPeer rtp, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < end) {
            List<RtpPeer.Packet> packets = rtp.received().stream().filter(p -> p.payloadType() == 0).toList();
            int run = 0;
            for (int i = 0; i < packets.size(); i++) {
                run = isTone(Audio.decode(packets.get(i)), 1000) ? run + 1 : 0;
                if (run == 5) {
                    long beepEnd = packets.get(i - 4).atNanos() + TimeUnit.MILLISECONDS.toNanos(300);
                    long wait = TimeUnit.NANOSECONDS.toMillis(beepEnd - System.nanoTime());
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no record beep heard in " + millis + " ms");
    }


    /** Whether a 20 ms frame is (nearly all) a steady tone of {@code hz}: its Goertzel power against its energy. */
    private static boolean isTone(short[] pcm, int hz) {
        double coeff = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double s1 = 0;
        double s2 = 0;
        double energy = 0;
        for (short v : pcm) {
            double s0 = v + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
            energy += (double) v * v;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        double rms2 = energy / pcm.length;
        return rms2 > 100 * 100 && power / (pcm.length * (double) pcm.length * rms2 / 2) > 0.7;
    }
}
