// Vite's ambient types: stylesheet imports (`import './styles.css'`) and import.meta.env.
/// <reference types="vite/client" />
