package dev.nacre.fuel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import run.endive.wasm.Parser;
import run.endive.wasm.types.AnnotatedInstruction;

/** Charges saturate instead of wrapping, and a call of a function the module does not define is refused. */
class CostArithmeticTest {
    private static final List<AnnotatedInstruction> EIGHT_CALLS = Parser.parse(Guest.wat("""
            (module
              (func $h)
              (func (call $h) (call $h) (call $h) (call $h) (call $h) (call $h) (call $h) (call $h)))
            """)).codeSection().getFunctionBody(1).instructions();

    @Test
    void aRegionWhoseCalleesSumPastALongChargesTheSaturatedCostNotAWrappedOne() {
        // Eight calls of 2^60 each would wrap to a negative charge, which would add fuel.
        MeterPlan plan = MeterPlan.of(EIGHT_CALLS, 0, Callees.staticOnly(0, new long[] {1L << 60, StaticCosts.NONE}));
        assertThat(plan.charge[0]).isEqualTo(MeterPlan.SATURATED);
    }

    @Test
    void ordinaryCostsAreExact() {
        MeterPlan plan = MeterPlan.of(EIGHT_CALLS, 0, Callees.staticOnly(0, new long[] {5, StaticCosts.NONE}));
        assertThat(plan.charge[0]).isEqualTo(8 * (1 + 5) + 1);
    }

    @Test
    void aCallOfAnIndexPastTheModulesFunctionsIsRefused() {
        // After instrumentation such an index would name an unmetered copy.
        assertThatThrownBy(() -> MeterPlan.of(EIGHT_CALLS, 0, Callees.staticOnly(0, new long[0])))
                .isInstanceOf(FuelException.class).hasMessageContaining("does not define");
    }
}
