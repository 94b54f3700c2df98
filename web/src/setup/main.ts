document.getElementById('app')!.textContent = 'setup'
