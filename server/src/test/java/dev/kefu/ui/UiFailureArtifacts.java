package dev.kefu.ui;

import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * When a UI test fails, saves a screenshot and the console of every browser still open (before the test's
 * {@code @AfterEach} closes them) as {@code target/screenshots/FAILED-<test>-<browser>.png/.txt}.
 */
public final class UiFailureArtifacts implements AfterTestExecutionCallback {
    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (context.getExecutionException().isEmpty()) {
            return;
        }
        String test = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        for (Browser b : Browser.OPEN) {
            b.saveFailure(test);
        }
    }
}
