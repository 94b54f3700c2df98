document.getElementById('app')!.textContent = 'app'
