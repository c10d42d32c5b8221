package dev.rnn4j.cuda;

/** Every custom kernel the backend launches: its PTX module (resource dev/rnn4j/cuda/&lt;module&gt;.ptx) and .entry name. */
enum Kernel {
    FILL("pointwise", "fill_f32"),
    BINARY("pointwise", "binary_f32"),
    AXPBY("pointwise", "axpby_f32"),
    ACTIVATION_FWD("pointwise", "activation_fwd_f32"),
    ACTIVATION_BWD("pointwise", "activation_bwd_f32"),
    CLAMP("pointwise", "clamp_f32"),
    DROPOUT_MASK("pointwise", "dropout_mask_f32"),
    SUM_PARTIAL("reductions", "sum_partial_f32"),
    SUM_FINAL("reductions", "sum_final_f32"),
    SUM_TO_LAST_DIM("reductions", "sum_to_last_dim_f32"),
    SOFTMAX_FWD("reductions", "softmax_fwd_f32"),
    SOFTMAX_BWD("reductions", "softmax_bwd_f32"),
    SOFTMAX_XENT("reductions", "softmax_xent_f32"),
    GLOBAL_AVG_POOL_FWD("reductions", "global_avg_pool_fwd_f32"),
    GLOBAL_AVG_POOL_BWD("reductions", "global_avg_pool_bwd_f32"),
    EMBEDDING_GATHER("embedding", "embedding_gather_f32"),
    EMBEDDING_SCATTER_ADD("embedding", "embedding_scatter_add_f32"),
    SGD_STEP("optimizers", "sgd_step_f32"),
    ADAM_STEP("optimizers", "adam_step_f32"),
    RMSPROP_STEP("optimizers", "rmsprop_step_f32");

    private final String module;
    private final String entry;

    Kernel(String module, String entry) {
        this.module = module;
        this.entry = entry;
    }

    String module() {
        return module;
    }

    String entry() {
        return entry;
    }
}
