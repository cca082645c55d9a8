export const id = 523;
export const ids = [523];
export const modules = {

/***/ 8523:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   restoreSqliteOverSsh: () => (/* binding */ restoreSqliteOverSsh)
/* harmony export */ });
/* harmony import */ var _core_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3026);

/** A live SQLite database on an SSH host: waits for the ssh-deploy transport (src/ssh). */
async function restoreSqliteOverSsh(source, _scratch, _context) {
    throw new _core_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .SlipwayError */ .GQ(`ssh-host ${source.ssh?.['ssh-host']}: the SSH source is not available in this build`, { fix: 'Back the database up on the host (restic, borg or a tarball) and drill that, or run the drill on the host.' });
}


/***/ })

};
