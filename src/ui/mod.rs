//! The Yew user interface: the root component, its state, components and hooks.
