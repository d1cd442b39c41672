/** Test helpers shared by every test: real certificate hierarchies ({@link dev.pinkeeper.testing.TestPki}). */
package dev.pinkeeper.testing;
