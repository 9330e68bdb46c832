/**
 * Optimizers as backend-free settings ({@link org.nn4j.trainer.optim.Optimizer}, built with
 * their builders or by name through {@link org.nn4j.trainer.optim.Optimizers}) and
 * {@link org.nn4j.trainer.optim.LearningRateSchedule}s. Each optimizer's step is one fused
 * call into the backend's {@link org.nn4j.api.LinearAlgebra}.
 */
package org.nn4j.trainer.optim;
