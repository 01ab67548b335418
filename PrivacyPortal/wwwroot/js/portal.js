// The few browser-side helpers the portal needs.
window.portal = {
    setTheme(value) {
        document.cookie = `pp.theme=${value}; path=/; max-age=31536000; samesite=lax`;
        document.body.classList.toggle('pp-dark', value === 'dark');
        document.body.classList.toggle('pp-light', value !== 'dark');
    },
};
