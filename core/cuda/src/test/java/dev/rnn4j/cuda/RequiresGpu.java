package dev.rnn4j.cuda;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables each GPU test method (not the class, so every test is reported as skipped one by one) with the
 * exact reason the CUDA backend is unusable here.
 */
final class RequiresGpu implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) return ConditionEvaluationResult.enabled("class container");
        var reason = CudaProbe.unavailableReason(0);
        return reason.isEmpty() ? ConditionEvaluationResult.enabled("GPU available")
                : ConditionEvaluationResult.disabled("GPU test skipped: " + reason.get());
    }
}
