// Intake shortcuts that move the cursor. They run in the browser, not over the circuit, so that what the agent types
// straight after Alt+S lands in the summary even when the server is a moment behind.
const targets = {
    KeyS: '[data-testid=intake-summary] textarea, textarea[data-testid=intake-summary]',
    KeyL: '[data-testid=intake-lookup] input, input[data-testid=intake-lookup]',
};

export function attach() {
    const handler = e => {
        if (!e.altKey || e.ctrlKey || e.metaKey || !targets[e.code]) {
            return;
        }
        const element = document.querySelector(targets[e.code]);
        if (element) {
            element.focus();
            e.preventDefault();
        }
    };
    document.addEventListener('keydown', handler, true);
    return { detach: () => document.removeEventListener('keydown', handler, true) };
}
